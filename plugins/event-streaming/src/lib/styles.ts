import { makeStyles } from '@material-ui/core/styles';

/**
 * Error and "breaking" colours that keep WCAG AA contrast (4.5:1) on the
 * page's background; the theme's own error and secondary colours fall short
 * on white (axe-core's color-contrast rule in the browser tests).
 */
export const useAccessibleColors = makeStyles(theme => {
  const dark = theme.palette.type === 'dark';
  return {
    errorText: { color: dark ? theme.palette.error.light : '#a4051b' },
    /** A form label on the page's grey background, outside any card. */
    labelOnPage: { color: theme.palette.text.primary },
    breakingChip: {
      backgroundColor: dark ? theme.palette.error.light : '#a4051b',
      color: dark ? theme.palette.common.black : theme.palette.common.white,
    },
  };
});
