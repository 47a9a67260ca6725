/**
 * `st.form`: a bordered `<form>` that never really submits. Its widgets hold their changes
 * (see widget-state), and a submit button click (also the one the browser synthesizes for Enter
 * in a text field) sends them all in one rerun. Without `enterToSubmit`, Enter is kept from
 * submitting.
 */
import { createContext, type FormEvent, type KeyboardEvent } from 'react';
import type { FormBlock as FormSpec } from '@mini-st/protocol';
import type { BlockNode } from '../app-tree.js';
import { cx } from '../cx.js';
import { usePage } from '../page-context.js';
import { BlockChildren } from './node-view.js';

/** The id of the enclosing form, for submit buttons whose element does not carry it. */
export const FormContext = createContext<string | null>(null);

/** Draws a `form` block; its widgets hold their values until a submit button is clicked. */
export function FormBlock({ node, block, nodeKey }: { node: BlockNode; block: FormSpec; nodeKey: string }) {
  const { store } = usePage();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    // Reached only when the form has no submit button to click; send without a trigger.
    store.submitForm(block.formId);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (event.key === 'Enter' && !block.enterToSubmit && target.tagName === 'INPUT') event.preventDefault();
  };
  return (
    <form className={cx('st-form', 'st-vertical', block.border && 'st-bordered')} onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate>
      <FormContext value={block.formId}>
        <BlockChildren node={node} nodeKey={nodeKey} />
      </FormContext>
    </form>
  );
}
