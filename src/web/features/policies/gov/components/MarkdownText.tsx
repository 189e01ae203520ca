import { Fragment, type ReactNode } from 'react';
import { Typography } from 'antd';
import { parseMarkdown, type Inline } from '../lib/markdown.ts';
import './policies.css';

function inlines(items: readonly Inline[]): ReactNode {
  return items.map((item, index) => {
    switch (item.kind) {
      case 'text':
        return <Fragment key={index}>{item.text}</Fragment>;
      case 'strong':
        return <strong key={index}>{inlines(item.children)}</strong>;
      case 'em':
        return <em key={index}>{inlines(item.children)}</em>;
      case 'code':
        return <code key={index}>{item.text}</code>;
    }
  });
}

/**
 * A policy interpretation (解读) written in Markdown, shown as formatted text. The Markdown is read into a
 * tree and drawn with React elements: no HTML is ever injected, whatever the text contains.
 */
export function MarkdownText({ source, testId }: { source: string; testId?: string }) {
  const blocks = parseMarkdown(source);
  return (
    <Typography className="dxe-markdown" data-testid={testId}>
      {blocks.map((block, index) => {
        switch (block.kind) {
          case 'heading': {
            // Inside a page the document's headings start at level 4, so a "#" does not outshout the page title.
            const level = Math.min(5, block.level + 3) as 4 | 5;
            return (
              <Typography.Title key={index} level={level}>
                {inlines(block.children)}
              </Typography.Title>
            );
          }
          case 'paragraph':
            return <Typography.Paragraph key={index}>{inlines(block.children)}</Typography.Paragraph>;
          case 'list': {
            const List = block.ordered ? 'ol' : 'ul';
            return (
              <List key={index}>
                {block.items.map((item, i) => (
                  <li key={i}>{inlines(item)}</li>
                ))}
              </List>
            );
          }
          case 'quote':
            return <blockquote key={index}>{inlines(block.children)}</blockquote>;
          case 'code':
            return <pre key={index}>{block.text}</pre>;
          case 'rule':
            return <hr key={index} />;
        }
      })}
    </Typography>
  );
}
