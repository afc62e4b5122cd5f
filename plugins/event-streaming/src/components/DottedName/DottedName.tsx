import { Fragment } from 'react';

/**
 * A Kafka name that wraps only after its dots (`team-a.cdc.shop.customers`
 * breaks into `team-a.` / `cdc.` …, never inside a part).
 */
export const DottedName = (props: { name: string }) => {
  const parts = props.name.split('.');
  return (
    <span style={{ wordBreak: 'keep-all', overflowWrap: 'normal' }}>
      {parts.map((part, i) => (
        <Fragment key={i}>
          <span style={{ whiteSpace: 'nowrap' }}>
            {part}
            {i < parts.length - 1 ? '.' : ''}
          </span>
          {i < parts.length - 1 && <wbr />}
        </Fragment>
      ))}
    </span>
  );
};
