import { CopyTextButton } from '@backstage/core-components';
import Box from '@mui/material/Box';
import { useTheme } from '@mui/material/styles';
// Loads the typings, which declare the deep paths below.
import type {} from 'react-syntax-highlighter';
import LightAsync from 'react-syntax-highlighter/dist/esm/light-async';
import a11yDark from 'react-syntax-highlighter/dist/esm/styles/hljs/a11y-dark';
import a11yLight from 'react-syntax-highlighter/dist/esm/styles/hljs/a11y-light';

/**
 * Highlighted code with line numbers and a copy button, in highlight.js's
 * a11y themes, whose colours keep WCAG AA contrast (4.5:1) on their own
 * background. Backstage's CodeSnippet uses docco, whose comments and line
 * numbers do not; this is where Eventport shows schemas and config.
 */
export const CodeBlock = (props: {
  text: string;
  language: string;
  showLineNumbers?: boolean;
}) => {
  const theme = useTheme();
  const dark = theme.palette.mode === 'dark';
  return (
    <Box position="relative">
      <LightAsync
        language={props.language}
        style={dark ? a11yDark : a11yLight}
        showLineNumbers={props.showLineNumbers}
        wrapLongLines
        lineNumberStyle={{ color: theme.palette.text.secondary }}
        customStyle={{ margin: 0 }}
      >
        {props.text}
      </LightAsync>
      <Box position="absolute" top={0} right={0}>
        <CopyTextButton text={props.text} />
      </Box>
    </Box>
  );
};
