import { makeStyles } from '@material-ui/core/styles';
import { DiffRow } from '../../lib/lineDiff';

const useStyles = makeStyles(theme => ({
  wrap: {
    overflowX: 'auto',
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
  table: {
    borderCollapse: 'collapse',
    width: '100%',
    fontFamily: 'monospace',
    fontSize: '0.8rem',
    tableLayout: 'fixed',
  },
  number: {
    width: '3.5em',
    textAlign: 'right',
    paddingRight: theme.spacing(1),
    color: theme.palette.text.primary,
    userSelect: 'none',
    verticalAlign: 'top',
  },
  marker: { width: '1.5em', textAlign: 'center', verticalAlign: 'top' },
  code: {
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
    verticalAlign: 'top',
  },
  removed: {
    backgroundColor: theme.palette.type === 'dark' ? '#5c1f24' : '#ffe3e6',
  },
  added: {
    backgroundColor: theme.palette.type === 'dark' ? '#1f4d2b' : '#dcffe4',
  },
  header: {
    textAlign: 'left',
    padding: theme.spacing(0.5, 1),
    borderBottom: `1px solid ${theme.palette.divider}`,
    fontFamily: theme.typography.fontFamily,
  },
}));

/**
 * Two versions side by side, line by line: removed lines on the left and
 * added ones on the right, marked with − and + (and named for screen readers).
 */
export const SideBySide = (props: {
  rows: DiffRow[];
  leftTitle: string;
  rightTitle: string;
}) => {
  const classes = useStyles();
  return (
    <div
      className={classes.wrap}
      // A scrolling region must be reachable by keyboard (WCAG 2.1.1).
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
      tabIndex={0}
      role="region"
      aria-label="Side-by-side diff"
    >
      <table className={classes.table}>
        <caption style={{ position: 'absolute', left: -10000 }}>
          {props.leftTitle} beside {props.rightTitle}
        </caption>
        <colgroup>
          <col style={{ width: '3.5em' }} />
          <col style={{ width: '1.5em' }} />
          <col />
          <col style={{ width: '3.5em' }} />
          <col style={{ width: '1.5em' }} />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th colSpan={3} className={classes.header} scope="colgroup">
              {props.leftTitle}
            </th>
            <th colSpan={3} className={classes.header} scope="colgroup">
              {props.rightTitle}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row, i) => {
            const leftChanged =
              row.kind === 'removed' || row.kind === 'changed';
            const rightChanged = row.kind === 'added' || row.kind === 'changed';
            const left = leftChanged && row.left ? classes.removed : undefined;
            const right = rightChanged && row.right ? classes.added : undefined;
            return (
              <tr key={i}>
                <td className={`${classes.number} ${left ?? ''}`}>
                  {row.left?.number}
                </td>
                <td className={`${classes.marker} ${left ?? ''}`}>
                  {left && (
                    <>
                      <span aria-hidden>−</span>
                      <span style={{ position: 'absolute', left: -10000 }}>
                        removed
                      </span>
                    </>
                  )}
                </td>
                <td className={`${classes.code} ${left ?? ''}`}>
                  {row.left?.text}
                </td>
                <td className={`${classes.number} ${right ?? ''}`}>
                  {row.right?.number}
                </td>
                <td className={`${classes.marker} ${right ?? ''}`}>
                  {right && (
                    <>
                      <span aria-hidden>+</span>
                      <span style={{ position: 'absolute', left: -10000 }}>
                        added
                      </span>
                    </>
                  )}
                </td>
                <td className={`${classes.code} ${right ?? ''}`}>
                  {row.right?.text}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
};
