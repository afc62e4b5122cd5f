import Box from '@mui/material/Box';
import { useTheme } from '@mui/material/styles';
import Typography from '@mui/material/Typography';
import { useId } from 'react';
import {
  Area,
  AreaChart,
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { visuallyHiddenSx } from '../../lib/styles';
import {
  chartColors,
  formatClock,
  summarizeSeries,
  TimeSeriesPoint,
} from './chartText';

export type { TimeSeriesPoint };

export interface TimeSeriesChartProps {
  /** The chart's accessible name: what it shows and over which window. */
  label: string;
  /** What a value is, for the tooltip and the summary: `Offset lag`. */
  seriesName: string;
  points: TimeSeriesPoint[];
  /** A value in words, for the tooltip and the summary: `1,234 messages`. */
  formatValue: (value: number) => string;
  /** A short value for the axis; `formatValue` unless told. */
  formatTick?: (value: number) => string;
  variant?: 'line' | 'area';
  color?: 'primary' | 'secondary';
  /** Fixed, so the chart has a size even where it cannot be measured. */
  height?: number;
  /** Shown instead of the chart when there are no samples. */
  emptyText?: string;
}

/**
 * A value over time, drawn with the theme's colours. It is an image to
 * assistive technology, named by `label` and described by a summary of
 * the series (samples, latest, lowest, highest), which is also its text
 * fallback.
 */
export const TimeSeriesChart = (props: TimeSeriesChartProps) => {
  const {
    label,
    seriesName,
    points,
    formatValue,
    variant = 'line',
    height = 220,
  } = props;
  const theme = useTheme();
  const summaryId = useId();
  const colors = chartColors(theme);
  const stroke = props.color === 'secondary' ? colors.second : colors.first;
  const formatTick = props.formatTick ?? formatValue;

  if (points.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {props.emptyText ?? 'No samples in this window yet.'}
      </Typography>
    );
  }

  const data = points.map(p => ({ t: Date.parse(p.at), value: p.value }));
  // Under ten minutes of samples, ticks minutes apart would all read alike.
  const span = data.length ? data[data.length - 1].t - data[0].t : 0;
  const withSeconds = span < 10 * 60_000;
  const common = (
    <>
      <CartesianGrid stroke={colors.grid} strokeDasharray="3 3" />
      <XAxis
        dataKey="t"
        type="number"
        scale="time"
        domain={['dataMin', 'dataMax']}
        tickFormatter={(t: number) => formatClock(t, false, withSeconds)}
        stroke={colors.axis}
        tick={{ fill: colors.axis, fontSize: 12 }}
      />
      <YAxis
        tickFormatter={(v: number) => formatTick(v)}
        stroke={colors.axis}
        tick={{ fill: colors.axis, fontSize: 12 }}
        width={72}
      />
      <Tooltip
        labelFormatter={(t: number) => formatClock(t, true, true)}
        formatter={(v: number) => [formatValue(v), seriesName]}
        contentStyle={colors.tooltip}
      />
    </>
  );

  return (
    <Box component="figure" sx={{ margin: 0, position: 'relative' }}>
      <div
        role="img"
        aria-label={label}
        aria-describedby={summaryId}
        style={{ height }}
      >
        <ResponsiveContainer width="100%" height={height}>
          {variant === 'area' ? (
            <AreaChart data={data}>
              {common}
              <Area
                type="monotone"
                dataKey="value"
                name={seriesName}
                stroke={stroke}
                fill={stroke}
                fillOpacity={0.25}
                isAnimationActive={false}
              />
            </AreaChart>
          ) : (
            <LineChart data={data}>
              {common}
              <Line
                type="monotone"
                dataKey="value"
                name={seriesName}
                stroke={stroke}
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
              />
            </LineChart>
          )}
        </ResponsiveContainer>
      </div>
      <Box component="figcaption" id={summaryId} sx={visuallyHiddenSx}>
        {summarizeSeries(seriesName, points, formatValue)}
      </Box>
    </Box>
  );
};
