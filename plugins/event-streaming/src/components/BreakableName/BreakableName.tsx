import { Fragment } from 'react';

/** Where a name may wrap: after each of these. */
const SEPARATORS = /(?<=[.\-_/:,@=])/;

/**
 * A name (topic, artifact, config key, connector class, file, broker
 * address) that may wrap after its separators and at spaces, and nowhere
 * else: `team-a.cdc.shop.customers` may break after `team-`, `a.`, `cdc.` …,
 * `localhost:9092` after the colon; never inside a word or a number, whatever
 * the table cell around it allows.
 */
export const BreakableName = (props: { name: string }) => {
  const parts = props.name.split(SEPARATORS);
  return (
    <span style={{ wordBreak: 'normal', overflowWrap: 'normal' }}>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 && <wbr />}
        </Fragment>
      ))}
    </span>
  );
};
