/**
 * Choosing the submitted files: a button that opens the browser's picker (several .xlsx at once) and a
 * drop zone around it. The button is the keyboard's way in; the zone only adds drag and drop.
 */
import { useRef, useState, type DragEvent, type ReactNode } from 'react';
import { Button, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useText } from '../../state/lang';

const useStyles = makeStyles({
  zone: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  over: {
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorBrandBackground2,
  },
  hint: { color: tokens.colorNeutralForeground2 },
});

export interface FilePickerProps {
  onFiles: (files: File[]) => void;
  disabled?: boolean;
  children?: ReactNode;
}

export function FilePicker({ onFiles, disabled, children }: FilePickerProps) {
  const { t } = useText();
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const accept = (e: DragEvent) => !disabled && Array.from(e.dataTransfer?.types ?? []).includes('Files');
  return (
    <div
      className={mergeClasses(styles.zone, over && styles.over)}
      role="group"
      aria-label={t('paneRankingDropZone')}
      data-testid="file-drop"
      onDragOver={(e) => {
        if (!accept(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault(); // never let the browser open a dropped file in the pane
        setOver(false);
        if (!disabled) onFiles(Array.from(e.dataTransfer.files));
      }}
    >
      <Button
        appearance="primary"
        onClick={() => input.current?.click()}
        disabled={disabled}
        data-testid="choose-files"
      >
        {t('paneRankingChooseFiles')}
      </Button>
      <Text size={200} className={styles.hint}>
        {t('paneRankingDropHint')}
      </Text>
      {children}
      <input
        ref={input}
        type="file"
        multiple
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        hidden
        tabIndex={-1}
        aria-hidden="true"
        data-testid="files-input"
        onChange={(e) => {
          const files = Array.from(e.currentTarget.files ?? []);
          e.currentTarget.value = ''; // choosing the same files again fires again
          if (files.length) onFiles(files);
        }}
      />
    </div>
  );
}
