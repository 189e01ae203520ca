import { createElement, Fragment } from 'react';
import { parseRichText, type Inline } from '../lib/rich-text.ts';

function Inlines({ content }: { content: Inline[] }) {
  return (
    <>
      {content.map((part, index) => (part.isBold ? <strong key={index}>{part.text}</strong> : <Fragment key={index}>{part.text}</Fragment>))}
    </>
  );
}

/**
 * A department's formatted text (解读): headings, paragraphs, lists, bold — rendered as React text, so
 * nothing in it can inject markup or script.
 */
export function RichText({ text, testId }: { text: string | null | undefined; testId?: string }) {
  const blocks = parseRichText(text);
  return (
    <div className="dxe-rich-text" data-testid={testId}>
      {blocks.map((block, index) => {
        if (block.kind === 'heading') return createElement(`h${block.level + 2}`, { key: index }, <Inlines content={block.content} />);
        if (block.kind === 'list') {
          const items = block.items.map((item, i) => (
            <li key={i}>
              <Inlines content={item} />
            </li>
          ));
          return block.isOrdered ? <ol key={index}>{items}</ol> : <ul key={index}>{items}</ul>;
        }
        return (
          <p key={index}>
            {block.lines.map((line, i) => (
              <Fragment key={i}>
                {i > 0 && <br />}
                <Inlines content={line} />
              </Fragment>
            ))}
          </p>
        );
      })}
    </div>
  );
}
