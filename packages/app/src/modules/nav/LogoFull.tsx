import { styled } from '@mui/material/styles';

const Wordmark = styled('text')({
  fill: '#7df3e1',
  fontFamily: 'Helvetica, Arial, sans-serif',
  fontWeight: 700,
});

/** The Eventport wordmark for the open sidebar. */
export const LogoFull = () => (
  <svg viewBox="0 0 220 40" width="160" role="img" aria-label="Eventport">
    <Wordmark x="0" y="30" fontSize="30">
      Eventport
    </Wordmark>
  </svg>
);
