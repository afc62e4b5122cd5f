import type { CdcPreflightCheck } from '@eventport/plugin-event-streaming-common';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { PreflightList } from './PreflightList';

const pass: CdcPreflightCheck = {
  id: 'wal-level',
  title: 'Logical decoding is on (wal_level = logical)',
  passed: true,
  detail: 'wal_level is logical',
};
const superuser: CdcPreflightCheck = {
  id: 'least-privilege',
  title: 'User postgres is not a superuser',
  passed: false,
  severity: 'warning',
  detail: 'postgres is a superuser',
  fix: 'As a superuser: CREATE ROLE "eventport_cdc" WITH LOGIN REPLICATION …',
};
const failing: CdcPreflightCheck = {
  id: 'replication-role',
  title: 'User app may replicate',
  passed: false,
  detail: 'app has neither the REPLICATION attribute nor superuser',
  fix: 'As a superuser: ALTER ROLE "app" WITH REPLICATION;',
};

describe('PreflightList', () => {
  it('counts a warning apart from the required checks, and shows its advice', async () => {
    await renderInTestApp(<PreflightList checks={[pass, superuser]} />);
    expect(
      screen.getByText(
        'All 1 required pre-flight checks pass. 1 warning: Debezium works, but the advice below is safer.',
      ),
    ).toBeInTheDocument();
    const items = within(
      screen.getByRole('region', { name: 'Pre-flight checks' }),
    ).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent(
      'Pass: Logical decoding is on (wal_level = logical)',
    );
    expect(items[1]).toHaveTextContent(
      'Warning: User postgres is not a superuser (postgres is a superuser)',
    );
    expect(items[1]).toHaveTextContent('CREATE ROLE "eventport_cdc"');
  });

  it('says that a failing required check stops Debezium', async () => {
    await renderInTestApp(
      <PreflightList checks={[pass, failing, superuser]} />,
    );
    expect(
      screen.getByText(
        '1 of 2 required pre-flight checks fail: Debezium cannot capture until they pass. 1 warning: Debezium works, but the advice below is safer.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/^Fail/).closest('li')).toHaveTextContent(
      'Fail: User app may replicate',
    );
  });
});
