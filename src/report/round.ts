/**
 * A round's timeline as the command line shows it (`scorecard round`): JSON with every key present
 * (null when it does not apply, dates 'yyyy-mm-dd' as in `rank --json`, plus dd/mm/yyyy for display)
 * and a text in both languages. Pure.
 */
import type { Timeline, TimelineMilestone } from '../core/round/timeline';
import { formatDate } from '../core/ranking/dates';
import { bilingual, msg, t, type Lang, type Message, type MessageKey, type Params } from '../i18n';

export interface TimelineJsonMilestone {
  id: string;
  kind: TimelineMilestone['kind'];
  title: string;
  titleEn: string;
  by: string | null;
  byEn: string | null;
  annexes: string[] | null;
  written: string;
  due: string;
  /** `due` as dd/mm/yyyy. */
  dueText: string;
  workingDays: number;
  moved: { from: string; rule: 'previous' | 'next'; dayOff: string; dayOffEn: string } | null;
  source: string | null;
  assumption: boolean;
  note: string | null;
  noteEn: string | null;
  state: TimelineMilestone['state'] | null;
  workingDaysLeft: number | null;
}

export interface TimelineJson {
  rulebook: string;
  year: number;
  asOf: string | null;
  milestones: TimelineJsonMilestone[];
  /** Index into `milestones` of the one due next; null when none (all passed, or no as-of date). */
  next: number | null;
  notes: { message: string; messageEn: string }[];
}

export function timelineJson(tl: Timeline): TimelineJson {
  const milestones = tl.milestones.map((m): TimelineJsonMilestone => ({
    id: m.id,
    kind: m.kind,
    title: m.title,
    titleEn: m.titleEn,
    by: m.by ?? null,
    byEn: m.byEn ?? null,
    annexes: m.annexes ?? null,
    written: m.written,
    due: m.due,
    dueText: formatDate(m.due),
    workingDays: m.workingDays,
    moved: m.moved
      ? { from: m.moved.from, rule: m.moved.rule, dayOff: m.moved.dayOff.vi, dayOffEn: m.moved.dayOff.en }
      : null,
    source: m.source ?? null,
    assumption: m.assumption,
    note: m.note?.vi ?? null,
    noteEn: m.note?.en ?? null,
    state: m.state ?? null,
    workingDaysLeft: m.workingDaysLeft ?? null,
  }));
  const next = tl.milestones.findIndex((m) => m.state === 'next');
  return {
    rulebook: tl.rulebook.id,
    year: tl.year,
    asOf: tl.asOf ?? null,
    milestones,
    next: next < 0 ? null : next,
    notes: tl.notes.map((n) => ({ message: n.vi, messageEn: n.en })),
  };
}

/** A message whose parameters differ by language (a title or a holiday's name). */
function both(key: MessageKey, params: Params, perLang: Record<string, Message>): Message {
  const pick = (lang: Lang) => ({
    ...params,
    ...Object.fromEntries(Object.entries(perLang).map(([k, v]) => [k, v[lang]])),
  });
  return { vi: t('vi', key, pick('vi')), en: t('en', key, pick('en')) };
}

const MARK = { past: '✓', next: '→', upcoming: ' ' } as const;

/** How the due date follows from the written one, in both languages ('' when it is the same day). */
function derivation(m: TimelineMilestone): string {
  const parts: string[] = [];
  if (m.workingDays)
    parts.push(bilingual(msg('roundPlusWorkingDays', { date: formatDate(m.written), days: m.workingDays })));
  if (m.moved)
    parts.push(
      bilingual(
        both(
          m.moved.rule === 'previous' ? 'roundMovedPrevious' : 'roundMovedNext',
          { date: formatDate(m.moved.from) },
          { dayOff: m.moved.dayOff },
        ),
      ),
    );
  return parts.join('; ');
}

function milestoneLines(m: TimelineMilestone): string[] {
  const annexes = m.annexes
    ? ` (${t('vi', 'roundAnnexes')} / ${t('en', 'roundAnnexes')} ${m.annexes.join(', ')})`
    : '';
  const lines = [
    `${MARK[m.state ?? 'upcoming']} ${formatDate(m.due)}  ${m.title}${annexes}`,
    `               ${m.titleEn}`,
  ];
  if (m.by) lines.push(`               ${m.by}${m.byEn ? ` / ${m.byEn}` : ''}`);
  const how = derivation(m);
  if (how) lines.push(`               ${how}`);
  if (m.assumption)
    lines.push(
      `               ${bilingual(msg('roundAssumption'))}${m.note ? `: ${bilingual(m.note)}` : ''}`,
    );
  else if (m.source) lines.push(`               ${m.source}`);
  return lines;
}

export function timelineText(tl: Timeline, rulebookTitle: string): string {
  const lines = [
    bilingual(msg('roundHeading', { year: tl.year, rulebook: rulebookTitle, id: tl.rulebook.id })),
  ];
  if (tl.asOf) lines.push(bilingual(msg('roundAsOf', { date: formatDate(tl.asOf) })));
  for (const n of tl.notes) lines.push(bilingual(n));
  lines.push('');
  for (const m of tl.milestones) lines.push(...milestoneLines(m));
  if (tl.asOf) {
    lines.push('');
    const next = tl.milestones.find((m) => m.state === 'next');
    lines.push(
      next
        ? bilingual(
            both(
              'roundNext',
              { date: formatDate(next.due), days: next.workingDaysLeft ?? 0 },
              { title: { vi: next.title, en: next.titleEn } },
            ),
          )
        : bilingual(msg('roundAllPassed', { year: tl.year })),
    );
  }
  return lines.join('\n');
}
