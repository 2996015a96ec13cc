/**
 * Insert a form: rulebook (built-in or from a .json file), annex, unit (searchable list or free text),
 * year → the host inserts and activates the form sheet.
 */
import {
  Button,
  Combobox,
  Dropdown,
  Field,
  Input,
  Option,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { REQUIRED } from '../../excel/capabilities';
import type { Capabilities } from '../../host/types';
import { annexHasReconstructed, chosenUnit } from '../state/insert';
import { useText } from '../state/lang';
import { rulebookLabel } from '../state/rulebooks';
import type { InsertForm as InsertFormModel } from '../state/useInsertForm';
import { Notice } from '../components/Notice';
import { RulebookFileButton } from '../components/RulebookFileButton';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  control: { minWidth: 0, width: '100%' },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  limits: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
  other: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalXS,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalM,
  },
});

export interface InsertFormProps {
  form: InsertFormModel;
  capabilities: Capabilities;
  onShowResults: () => void;
}

export function InsertForm({ form, capabilities, onShowResults }: InsertFormProps) {
  const text = useText();
  const { t, m } = text;
  const styles = useStyles();
  const { state, dispatch, choices, rulebook, annex, problems, units } = form;
  const busy = state.phase.kind === 'inserting';
  const blocked = !capabilities.insertForm;
  const problem = (key: keyof typeof problems) =>
    state.showProblems && problems[key] ? t(problems[key]!) : undefined;
  const chosen =
    rulebook && annex && state.unitText.trim() ? chosenUnit(state, rulebook, annex.code) : undefined;
  const choice = choices.find((c) => c.key === state.rulebookKey);
  const listed = !!annex && !!rulebook?.units.some((u) => u.annex === annex.code);
  const unitWarning =
    chosen && !chosen.listed && listed ? t('paneUnitNotListed', { name: chosen.name }) : undefined;

  return (
    <form
      className={styles.form}
      noValidate
      data-testid="insert-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!blocked) void form.submit();
      }}
    >
      {/* outside Excel (excelApi '0') the pane's own notice already says Excel is needed */}
      {blocked && capabilities.excelApi !== '0' && (
        <Notice intent="warning" testId="insert-unsupported">
          {t('paneNeedsExcelApi', { required: REQUIRED.insertForm, current: capabilities.excelApi })}
        </Notice>
      )}

      {!blocked && !!capabilities.missing?.length && (
        <Notice intent="info" testId="excel-limits">
          {t('paneExcelLimits', { have: `ExcelApi ${capabilities.excelApi}` })}
          <ul className={styles.limits}>
            {capabilities.missing.map((line) => (
              <li key={line.en}>{m(line)}</li>
            ))}
          </ul>
        </Notice>
      )}

      <Field label={t('paneRulebook')} required validationMessage={problem('rulebook')}>
        <Dropdown
          className={styles.control}
          value={choice ? rulebookLabel(t, choice.rulebook, choice.source) : ''}
          selectedOptions={state.rulebookKey ? [state.rulebookKey] : []}
          onOptionSelect={(_, data) => {
            const c = choices.find((x) => x.key === data.optionValue);
            if (c)
              dispatch({
                type: 'rulebookChosen',
                key: c.key,
                annexes: c.rulebook.annexes.map((a) => a.code),
              });
          }}
          data-testid="rulebook"
          expandIcon={{ 'aria-label': t('paneOpenList', { list: t('paneRulebook') }) }}
          clearButton={{ 'aria-label': t('paneClearChoice') }}
        >
          {choices.map((c) => (
            <Option key={c.key} value={c.key} text={rulebookLabel(t, c.rulebook, c.source)}>
              {rulebookLabel(t, c.rulebook, c.source)}
            </Option>
          ))}
        </Dropdown>
      </Field>

      <Field
        label={t('paneAnnex')}
        required
        validationMessage={problem('annex')}
        hint={annex ? t('paneAppliesTo', { who: annex.appliesTo }) : undefined}
      >
        <Dropdown
          className={styles.control}
          value={annex?.title ?? ''}
          selectedOptions={state.annex ? [state.annex] : []}
          onOptionSelect={(_, data) =>
            data.optionValue && dispatch({ type: 'annexChosen', annex: data.optionValue })
          }
          disabled={!rulebook}
          data-testid="annex"
          expandIcon={{ 'aria-label': t('paneOpenList', { list: t('paneAnnex') }) }}
          clearButton={{ 'aria-label': t('paneClearChoice') }}
        >
          {(rulebook?.annexes ?? []).map((a) => (
            <Option key={a.code} value={a.code} text={a.title}>
              {a.title}
            </Option>
          ))}
        </Dropdown>
      </Field>

      <Field
        label={t('paneUnit')}
        required
        validationMessage={problem('unit') ?? unitWarning}
        validationState={problem('unit') ? 'error' : unitWarning ? 'warning' : 'none'}
        hint={
          units.total > units.shown.length
            ? t('paneUnitsShown', { shown: units.shown.length, total: units.total })
            : t('paneUnitHint')
        }
      >
        <Combobox
          className={styles.control}
          freeform
          value={state.unitText}
          selectedOptions={state.unitId ? [state.unitId] : []}
          onChange={(e) => dispatch({ type: 'unitTyped', text: e.target.value })}
          onOptionSelect={(_, data) => {
            const unit = rulebook?.units.find((u) => u.id === data.optionValue);
            if (unit) dispatch({ type: 'unitChosen', id: unit.id, name: unit.name });
          }}
          disabled={!annex}
          data-testid="unit"
          expandIcon={{ 'aria-label': t('paneOpenList', { list: t('paneUnit') }) }}
        >
          {units.shown.map((u) => (
            <Option key={u.id} value={u.id} text={u.name}>
              {u.name}
            </Option>
          ))}
        </Combobox>
      </Field>

      <Field label={t('paneYear')} required validationMessage={problem('year')}>
        <Input
          className={styles.control}
          inputMode="numeric"
          value={state.year}
          onChange={(_, data) => dispatch({ type: 'yearTyped', text: data.value })}
          data-testid="year"
        />
      </Field>

      <div className={styles.row}>
        <Button appearance="primary" type="submit" disabled={busy || blocked} data-testid="insert">
          {t('paneInsertButton')}
        </Button>
        {busy && <Spinner size="tiny" label={t('paneInserting')} />}
      </div>

      <div aria-live="polite">
        {state.phase.kind === 'done' && (
          <Notice
            intent="success"
            testId="inserted"
            actions={
              <Button size="small" onClick={onShowResults}>
                {t('paneShowResults')}
              </Button>
            }
          >
            {t(state.phase.upgraded ? 'paneUpgraded' : 'paneInserted', { sheet: state.phase.sheetName })}
          </Notice>
        )}
        {state.phase.kind === 'done' && annexHasReconstructed(annex) && (
          <Notice intent="info" testId="reconstructed">
            {t('paneReconstructedNotice')}
          </Notice>
        )}
        {state.phase.kind === 'failed' && (
          <Notice intent="error" testId="insert-failed">
            {m(state.phase.reason)}
          </Notice>
        )}
      </div>

      <div className={styles.other}>
        <Text size={200}>{t('paneOtherRulebook')}</Text>
        <RulebookFileButton onFile={(file) => void form.loadFile(file)} disabled={busy} />
        {state.fileError && (
          <Notice intent="error" testId="rulebook-file-error">
            {m(state.fileError)}
          </Notice>
        )}
      </div>
    </form>
  );
}
