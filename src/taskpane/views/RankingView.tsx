/**
 * The consolidation view ("Xếp hạng", issue 5), loaded on first use as its own chunk. The ranking
 * engineer replaces this body; whatever it imports (the .xlsx reader, exceljs, the ranking core) stays
 * out of the pane's initial bundle as long as it is imported from here and not from the pane's entry.
 */
import type { WorkbookHost } from '../../host/types';
import { Notice } from '../components/Notice';
import { useText } from '../state/lang';

export interface RankingViewProps {
  host: WorkbookHost;
}

export default function RankingView(_props: RankingViewProps) {
  const { t } = useText();
  return (
    <Notice intent="info" testId="ranking-view">
      {t('paneRankingUnavailable')}
    </Notice>
  );
}
