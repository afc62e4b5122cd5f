import {
  Link,
  sidebarConfig,
  useSidebarOpenState,
} from '@backstage/core-components';
import { styled } from '@mui/material/styles';
import { LogoFull } from './LogoFull';
import { LogoIcon } from './LogoIcon';

const Root = styled('div')({
  width: sidebarConfig.drawerWidthClosed,
  height: 3 * sidebarConfig.logoHeight,
  display: 'flex',
  flexFlow: 'row nowrap',
  alignItems: 'center',
  marginBottom: -14,
});

// Inline, so that the Link's own (v4) styles, injected after MUI v5's,
// cannot take the margin back.
const linkStyle = { width: sidebarConfig.drawerWidthClosed, marginLeft: 24 };

export const SidebarLogo = () => {
  const { isOpen } = useSidebarOpenState();

  return (
    <Root>
      <Link
        to="/"
        underline="none"
        style={linkStyle}
        aria-label="Eventport home"
      >
        {isOpen ? <LogoFull /> : <LogoIcon />}
      </Link>
    </Root>
  );
};
