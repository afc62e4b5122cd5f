import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  text: {
    fill: '#7df3e1',
    fontFamily: 'Helvetica, Arial, sans-serif',
    fontWeight: 700,
  },
});

/** The Eventport wordmark for the open sidebar. */
export const LogoFull = () => {
  const classes = useStyles();
  return (
    <svg viewBox="0 0 220 40" width="160" role="img" aria-label="Eventport">
      <text x="0" y="30" fontSize="30" className={classes.text}>
        Eventport
      </text>
    </svg>
  );
};
