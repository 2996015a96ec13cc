import { makeStyles, tokens } from '@fluentui/react-components';

/** Styles shared by the sections of the "Bộ tiêu chí" view. */
export const useRulebookStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  sub: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
    minWidth: 0,
  },
  // a native select is as wide as its longest option unless told otherwise
  select: {
    minWidth: 0,
    width: '100%',
    '& select': { minWidth: 0, width: '100%', textOverflow: 'ellipsis' },
  },
  // inputs shrink with the pane rather than widen it
  input: { minWidth: 0, width: '100%' },
  link: { overflowWrap: 'anywhere', minHeight: '24px' },
  table: {
    borderCollapse: 'collapse',
    fontSize: tokens.fontSizeBase200,
    '& th, & td': { textAlign: 'left', padding: '2px 6px', verticalAlign: 'top' },
  },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, overflowWrap: 'anywhere' },
  // the compile errors table scrolls inside itself rather than widen the pane
  tableBox: { maxWidth: '100%', overflowX: 'auto' },
});
