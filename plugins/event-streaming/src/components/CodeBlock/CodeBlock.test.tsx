import { renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import { CodeBlock } from './CodeBlock';

describe('CodeBlock', () => {
  it('shows the text with line numbers in the a11y-light colours, and a copy button', async () => {
    const { container } = await renderInTestApp(
      <CodeBlock
        text={'{\n  "type": "record",\n  "name": "Customer"\n}'}
        language="json"
        showLineNumbers
      />,
    );
    await waitFor(() =>
      expect(container.querySelector('pre')).toHaveTextContent(
        /"name": "Customer"/,
      ),
    );
    const pre = container.querySelector('pre')!;
    // highlight.js's a11y-light: #545454 text on #fefefe, 7.4:1.
    expect(pre).toHaveStyle({ background: '#fefefe', color: '#545454' });
    const numbers = container.querySelectorAll(
      '.react-syntax-highlighter-line-number',
    );
    expect([...numbers].map(n => n.textContent)).toEqual(['1', '2', '3', '4']);
    expect(screen.getByRole('button', { name: /copy/i })).toBeInTheDocument();
  });
});
