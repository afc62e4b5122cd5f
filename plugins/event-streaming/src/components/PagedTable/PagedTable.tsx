import { Table, TableColumn } from '@backstage/core-components';
import TablePagination from '@mui/material/TablePagination';

/** Page sizes the lists offer. */
export const PAGE_SIZES = [10, 25, 50, 100];

export interface PagedTableProps<T extends object> {
  columns: TableColumn<T>[];
  items: T[];
  totalCount: number;
  loading: boolean;
  page: number;
  pageSize: number;
  onPageChange: (page: number) => void;
  /** A new page size starts again at the first page. */
  onPageSizeChange: (pageSize: number) => void;
}

/** One page of a list paged by the backend, with the pager below it. */
export function PagedTable<T extends object>(props: PagedTableProps<T>) {
  return (
    <>
      <Table<T>
        isLoading={props.loading}
        options={{
          paging: false,
          search: false,
          toolbar: false,
          padding: 'dense',
        }}
        columns={props.columns}
        data={props.items}
      />
      <TablePagination
        component="div"
        count={props.totalCount}
        page={props.page}
        rowsPerPage={props.pageSize}
        rowsPerPageOptions={PAGE_SIZES}
        onPageChange={(_, next) => props.onPageChange(next)}
        onRowsPerPageChange={e => {
          props.onPageSizeChange(Number(e.target.value));
          props.onPageChange(0);
        }}
      />
    </>
  );
}
