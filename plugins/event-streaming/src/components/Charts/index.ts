export { TimeSeriesChart } from './TimeSeriesChart';
export type { TimeSeriesChartProps, TimeSeriesPoint } from './TimeSeriesChart';
export { BrokerBarChart, describeBrokers } from './BrokerBarChart';
export type { BrokerBarChartProps } from './BrokerBarChart';
