/** The JSON Schema of a rulebook file, generated from the zod schema (zod 4's own converter). */
import { z } from 'zod';
import { Rulebook } from './schema';

export function rulebookJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(Rulebook, { io: 'input', unrepresentable: 'any' }),
    title: 'Bộ tiêu chí đánh giá ứng dụng CNTT / IT-application assessment rulebook',
  };
}
