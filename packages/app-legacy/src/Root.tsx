import { Sidebar, SidebarItem, SidebarPage } from '@backstage/core-components';
import SwapCallsIcon from '@mui/icons-material/SwapCalls';
import { PropsWithChildren } from 'react';

/** The legacy app's sidebar with the Event Streaming entry. */
export const Root = ({ children }: PropsWithChildren<{}>) => (
  <SidebarPage>
    <Sidebar>
      <SidebarItem
        icon={SwapCallsIcon}
        to="event-streaming"
        text="Event Streaming"
      />
    </Sidebar>
    {children}
  </SidebarPage>
);
