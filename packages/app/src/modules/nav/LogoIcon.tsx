import { styled } from '@mui/material/styles';

const Bar = styled('rect')({ fill: '#7df3e1' });

/** The Eventport mark for the closed sidebar: three stacked event bars. */
export const LogoIcon = () => (
  <svg viewBox="0 0 30 30" width="28" role="img" aria-label="Eventport">
    <Bar x="2" y="4" width="26" height="5" rx="2" />
    <Bar x="2" y="12" width="18" height="5" rx="2" />
    <Bar x="2" y="20" width="22" height="5" rx="2" />
  </svg>
);
