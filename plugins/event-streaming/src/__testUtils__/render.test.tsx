import Button from '@mui/material/Button';
import { useTheme } from '@mui/material/styles';
import { screen } from '@testing-library/react';
import { renderWithApi } from './render';
import { fakeApi } from './fakeApi';

const ThemeProbe = () => {
  const theme = useTheme();
  return (
    <>
      <span data-testid="primary">{theme.palette.primary.main}</span>
      <span data-testid="page-background">
        {theme.palette.background.default}
      </span>
      <Button variant="contained" color="primary">
        Primary
      </Button>
    </>
  );
};

describe('renderWithApi', () => {
  it("gives MUI v5 components Backstage's light theme, not MUI's default", async () => {
    await renderWithApi(<ThemeProbe />, fakeApi());
    // Backstage's light primary; MUI v5's own default is #1976d2.
    expect(screen.getByTestId('primary')).toHaveTextContent('#1F5493');
    expect(screen.getByTestId('page-background')).toHaveTextContent('#F8F8F8');
    expect(screen.getByRole('button', { name: 'Primary' })).toHaveStyle({
      backgroundColor: '#1F5493',
    });
  });
});
