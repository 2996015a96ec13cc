/**
 * The "Bộ tiêu chí" view, loaded on first use as its own chunk:
 *  1. download an authoring workbook, blank or filled from a rulebook the pane knows;
 *  2. compile an authoring .xlsx, or a flat criteria table (.csv or .xlsx, as `scorecard rulebook import`
 *     takes it), into a rulebook: added to the pane's library (state/rulebooks.ts) and offered as .json;
 *     otherwise every error with its sheet, row and column;
 *  3. compare two rulebooks: the changes per annex, and the diff workbook to download.
 * Files are offered as <a download> links on Blobs, so no Excel API is needed (works in every host).
 * The authoring modules bring ExcelJS: they are imported only when an action starts, a further chunk.
 * State: state/useRulebookView.ts; the sections: views/rulebook/.
 */
import { Spinner, Text } from '@fluentui/react-components';
import { Notice } from '../components/Notice';
import { useText } from '../state/lang';
import { rulebookLabel, type RulebookLibrary } from '../state/rulebooks';
import { useRulebookView } from '../state/useRulebookView';
import { CompareSection } from './rulebook/CompareSection';
import { CompileSection } from './rulebook/CompileSection';
import { TemplateSection } from './rulebook/TemplateSection';
import { useRulebookStyles } from './rulebook/styles';

export interface RulebookViewProps {
  /** The rulebooks the pane knows (built-in and custom); default: the same store's. */
  library?: RulebookLibrary;
  /** Called after a compiled rulebook was added to the library (the other views refresh their lists). */
  onRulebookAdded?: () => void;
}

export default function RulebookView({ library, onRulebookAdded }: RulebookViewProps) {
  const { t } = useText();
  const styles = useRulebookStyles();
  const v = useRulebookView(library, onRulebookAdded);
  const busy = !!v.busy;
  const options = v.choices.map((c) => (
    <option key={c.key} value={c.key}>
      {rulebookLabel(t, c.rulebook, c.source)}
    </option>
  ));
  return (
    <div className={styles.stack} data-testid="rulebook-view">
      <Text>{t('paneRbIntro')}</Text>
      {v.busy && <Spinner size="tiny" label={t('paneRbBusy')} />}
      {v.failure && (
        <Notice intent="error" testId="rulebook-failure">
          {v.failure}
        </Notice>
      )}
      <TemplateSection
        options={options}
        templateKey={v.template.key}
        setTemplateKey={v.template.setKey}
        make={() => void v.template.make()}
        busy={busy}
        file={v.downloads.template}
      />
      <CompileSection
        compiled={v.compiling.compiled}
        compile={(file) => void v.compiling.compile(file)}
        details={v.compiling.tableDetails}
        setDetails={v.compiling.setTableDetails}
        busy={busy}
        json={v.downloads.json}
      />
      <CompareSection
        options={options}
        older={v.comparing.older}
        setOlder={v.comparing.setOlder}
        newer={v.comparing.newer}
        setNewer={v.comparing.setNewer}
        compare={() => void v.comparing.compare()}
        busy={busy}
        diff={v.comparing.diff}
        file={v.downloads.diff}
      />
    </div>
  );
}
