/**
 * The schema of holiday data (rulebooks/holidays-vn.json, or a province's own file). Loaded only where
 * data is checked (holidays.ts calendarFromData, the built-in file's test): zod costs every process
 * and worker that loads it.
 */
import { z } from 'zod';
import { isIsoDate } from './dates';

const isoDate = z.string().refine(isIsoDate, 'expected a date yyyy-mm-dd');

const HolidayDaySchema = z.object({
  date: isoDate,
  name: z.string().min(1),
  nameEn: z.string().min(1),
  kind: z.enum(['holiday', 'compensatory', 'swapped']),
});

const HolidayYear = z.object({
  daysOff: z.array(HolidayDaySchema),
  workdays: z.array(z.object({ date: isoDate, note: z.string().optional() })).default([]),
  notes: z.string().optional(),
});

export const HolidayData = z.object({
  id: z.string(),
  title: z.string(),
  years: z.record(z.string().regex(/^\d{4}$/), HolidayYear),
});

export type HolidayDay = z.infer<typeof HolidayDaySchema>;
export type HolidayData = z.infer<typeof HolidayData>;
