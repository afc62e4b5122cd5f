import type { BrokerShare } from '@eventport/plugin-event-streaming-common';
import Box from '@mui/material/Box';
import { useTheme } from '@mui/material/styles';
import { useId } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { plural } from '../../lib/monitoring';
import { visuallyHiddenSx } from '../../lib/styles';
import { chartColors } from './chartText';

export interface BrokerBarChartProps {
  /** The chart's accessible name. */
  label: string;
  brokers: BrokerShare[];
  /** Fixed, so the chart has a size even where it cannot be measured. */
  height?: number;
}

const brokerName = (b: BrokerShare) =>
  `Broker ${b.nodeId}${b.online ? '' : ' (offline)'}`;

/** Every broker's share in one sentence, the chart's text fallback. */
export function describeBrokers(brokers: BrokerShare[]): string {
  if (brokers.length === 0) return 'No brokers hold replicas.';
  return brokers
    .map(
      b =>
        `${brokerName(b)}: ${plural(b.leaders, 'leader')}, ${plural(
          b.replicas,
          'replica',
        )}.`,
    )
    .join(' ');
}

/**
 * Leaders and replicas per broker, side by side, in the theme's colours.
 * An image to assistive technology, described by the numbers in words.
 */
export const BrokerBarChart = (props: BrokerBarChartProps) => {
  const { label, brokers, height = 220 } = props;
  const theme = useTheme();
  const descriptionId = useId();
  const colors = chartColors(theme);
  const data = brokers.map(b => ({
    name: brokerName(b),
    leaders: b.leaders,
    replicas: b.replicas,
  }));

  return (
    <figure style={{ margin: 0, position: 'relative' }}>
      <div
        role="img"
        aria-label={label}
        aria-describedby={descriptionId}
        style={{ height }}
      >
        <ResponsiveContainer width="100%" height={height}>
          <BarChart data={data}>
            <CartesianGrid stroke={colors.grid} strokeDasharray="3 3" />
            <XAxis
              dataKey="name"
              stroke={colors.axis}
              tick={{ fill: colors.axis, fontSize: 12 }}
            />
            <YAxis
              allowDecimals={false}
              stroke={colors.axis}
              tick={{ fill: colors.axis, fontSize: 12 }}
            />
            <Tooltip
              contentStyle={colors.tooltip}
              cursor={{ fill: colors.grid }}
            />
            <Legend wrapperStyle={{ color: colors.axis }} />
            <Bar
              dataKey="leaders"
              name="Leaders"
              fill={colors.first}
              isAnimationActive={false}
            />
            <Bar
              dataKey="replicas"
              name="Replicas"
              fill={colors.second}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <Box component="figcaption" id={descriptionId} sx={visuallyHiddenSx}>
        {describeBrokers(brokers)}
      </Box>
    </figure>
  );
};
