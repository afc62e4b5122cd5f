import { styled } from '@mui/material/styles';
import { DiffRow } from '../../lib/lineDiff';

const Wrap = styled('div')(({ theme }) => ({
  overflowX: 'auto',
  border: `1px solid ${theme.palette.divider}`,
  borderRadius: theme.shape.borderRadius,
}));

/** The cells are styled from here, by their class names (`cls`). */
const DiffTable = styled('table')(({ theme }) => ({
  borderCollapse: 'collapse',
  width: '100%',
  fontFamily: 'monospace',
  fontSize: '0.8rem',
  // Lines wrap at spaces only; a token longer than its column widens the
  // table, and the region around it scrolls sideways.
  tableLayout: 'auto',
  '& .SideBySide-number': {
    width: '3.5em',
    textAlign: 'right',
    paddingRight: theme.spacing(1),
    color: theme.palette.text.primary,
    userSelect: 'none',
    verticalAlign: 'top',
  },
  '& .SideBySide-marker': {
    width: '1.5em',
    textAlign: 'center',
    verticalAlign: 'top',
  },
  '& .SideBySide-code': {
    whiteSpace: 'pre-wrap',
    wordBreak: 'normal',
    overflowWrap: 'normal',
    verticalAlign: 'top',
  },
  '& .SideBySide-removed': {
    backgroundColor: theme.palette.mode === 'dark' ? '#5c1f24' : '#ffe3e6',
  },
  '& .SideBySide-added': {
    backgroundColor: theme.palette.mode === 'dark' ? '#1f4d2b' : '#dcffe4',
  },
  '& .SideBySide-header': {
    textAlign: 'left',
    padding: theme.spacing(0.5, 1),
    borderBottom: `1px solid ${theme.palette.divider}`,
    fontFamily: theme.typography.fontFamily,
  },
}));

const cls = {
  number: 'SideBySide-number',
  marker: 'SideBySide-marker',
  code: 'SideBySide-code',
  removed: 'SideBySide-removed',
  added: 'SideBySide-added',
  header: 'SideBySide-header',
};

/**
 * Two versions side by side, line by line: removed lines on the left and
 * added ones on the right, marked with − and + (and named for screen readers).
 */
export const SideBySide = (props: {
  rows: DiffRow[];
  leftTitle: string;
  rightTitle: string;
}) => {
  return (
    <Wrap
      // A scrolling region must be reachable by keyboard (WCAG 2.1.1).
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
      tabIndex={0}
      role="region"
      aria-label="Side-by-side diff"
    >
      <DiffTable>
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
            <th colSpan={3} className={cls.header} scope="colgroup">
              {props.leftTitle}
            </th>
            <th colSpan={3} className={cls.header} scope="colgroup">
              {props.rightTitle}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row, i) => {
            const leftChanged =
              row.kind === 'removed' || row.kind === 'changed';
            const rightChanged = row.kind === 'added' || row.kind === 'changed';
            const left = leftChanged && row.left ? cls.removed : undefined;
            const right = rightChanged && row.right ? cls.added : undefined;
            return (
              <tr key={i}>
                <td className={`${cls.number} ${left ?? ''}`}>
                  {row.left?.number}
                </td>
                <td className={`${cls.marker} ${left ?? ''}`}>
                  {left && (
                    <>
                      <span aria-hidden>−</span>
                      <span style={{ position: 'absolute', left: -10000 }}>
                        removed
                      </span>
                    </>
                  )}
                </td>
                <td className={`${cls.code} ${left ?? ''}`}>
                  {row.left?.text}
                </td>
                <td className={`${cls.number} ${right ?? ''}`}>
                  {row.right?.number}
                </td>
                <td className={`${cls.marker} ${right ?? ''}`}>
                  {right && (
                    <>
                      <span aria-hidden>+</span>
                      <span style={{ position: 'absolute', left: -10000 }}>
                        added
                      </span>
                    </>
                  )}
                </td>
                <td className={`${cls.code} ${right ?? ''}`}>
                  {row.right?.text}
                </td>
              </tr>
            );
          })}
        </tbody>
      </DiffTable>
    </Wrap>
  );
};
