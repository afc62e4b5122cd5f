import Button from '@mui/material/Button';
import ButtonGroup from '@mui/material/ButtonGroup';
import { useState } from 'react';
import { neutralOutlinedButtonSx } from '../../lib/styles';
import type { ClusterSelection } from '../ClusterFilters';

/**
 * "Mine or all", the same on every list (topics, schemas, connectors,
 * consumer groups): until the user picks, a user whose teams own a
 * namespace sees theirs, anyone else everything.
 */
export function useOwnershipFilter(selection: ClusterSelection | undefined) {
  const [picked, setPicked] = useState<boolean>();
  const ownsNamespace =
    selection?.list.namespaces.some(ns => ns.owned) ?? false;
  return { owned: picked ?? ownsNamespace, ownsNamespace, setOwned: setPicked };
}

/** The two buttons of the ownership filter, e.g. "My topics" and "All topics". */
export const OwnershipToggle = (props: {
  /** Plural noun of the list: `topics`, `schemas`, … */
  noun: string;
  owned: boolean;
  onChange: (owned: boolean) => void;
}) => {
  const option = (mine: boolean, label: string) => {
    const on = props.owned === mine;
    return (
      <Button
        aria-pressed={on}
        variant={on ? 'contained' : 'outlined'}
        color={on ? 'primary' : 'inherit'}
        sx={on ? undefined : neutralOutlinedButtonSx}
        onClick={() => props.onChange(mine)}
      >
        {label}
      </Button>
    );
  };
  return (
    <ButtonGroup
      color="inherit"
      aria-label={`Which ${props.noun}`}
      size="small"
    >
      {option(true, `My ${props.noun}`)}
      {option(false, `All ${props.noun}`)}
    </ButtonGroup>
  );
};

/** The empty state's way out of "mine": "Show all topics", … */
export const ShowAllButton = (props: { noun: string; onClick: () => void }) => (
  <Button
    color="inherit"
    sx={neutralOutlinedButtonSx}
    variant="outlined"
    onClick={props.onClick}
  >
    Show all {props.noun}
  </Button>
);
