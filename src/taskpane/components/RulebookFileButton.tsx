/** "Open a rulebook file": a button that opens the browser's file picker for one .json file. */
import { useRef } from 'react';
import { Button } from '@fluentui/react-components';
import { useText } from '../state/lang';

export function RulebookFileButton({
  onFile,
  disabled,
}: {
  onFile: (file: File) => void;
  disabled?: boolean;
}) {
  const { t } = useText();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button onClick={() => input.current?.click()} disabled={disabled} data-testid="rulebook-file-button">
        {t('paneOpenRulebookFile')}
      </Button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        tabIndex={-1}
        aria-hidden="true"
        data-testid="rulebook-file-input"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = ''; // choosing the same file again fires again
          if (file) onFile(file);
        }}
      />
    </>
  );
}
