// Reading and writing a built page through a real HTML parser (parse5), for the finishing
// step and the tests: the page Trunk writes is never matched by pattern.
import { readFileSync, writeFileSync } from 'node:fs';
import { defaultTreeAdapter as tree, parse, parseFragment, serialize } from 'parse5';

export const readPage = (file) => parse(readFileSync(file, 'utf8'));
export const writePage = (file, document) => writeFileSync(file, serialize(document));
export const parsePage = (html) => parse(html);
export const serializePage = (document) => serialize(document);

/** Every element under `node` (itself included), in document order. */
export function* elements(node) {
  if (node.tagName) yield node;
  for (const child of node.childNodes ?? []) yield* elements(child);
  // A <template>'s children live in its content.
  if (node.content) yield* elements(node.content);
}

/** The elements under `node` named `tag`, in document order. */
export const all = (node, tag) => [...elements(node)].filter((e) => e.tagName === tag);

/** The one element under `node` named `tag`, or an error. */
export function one(node, tag) {
  const found = all(node, tag);
  if (found.length !== 1) throw new Error(`${found.length} <${tag}> elements, not one`);
  return found[0];
}

export const attribute = (element, name) => element.attrs.find((a) => a.name === name)?.value ?? null;

export const removeAttribute = (element, name) => {
  element.attrs = element.attrs.filter((a) => a.name !== name);
};

/** The text inside a <script> or <style>, as the browser hashes it for a policy. */
export const text = (element) => element.childNodes.map((c) => c.value ?? '').join('');

/** Replaces what is inside `element` by the text `value`. */
export function setText(element, value) {
  element.childNodes = [];
  tree.insertText(element, value);
}

/** Appends `html`, parsed as the inside of `parent`, to it. */
export function appendHtml(parent, html) {
  for (const child of parseFragment(parent, html).childNodes) tree.appendChild(parent, child);
}

export const remove = (node) => tree.detachNode(node);

/** A new element, right after `reference` in its parent. */
export function insertAfter(reference, tag, attributes) {
  const element = tree.createElement(tag, reference.namespaceURI, Object.entries(attributes).map(([name, value]) => ({ name, value })));
  const siblings = reference.parentNode.childNodes;
  const next = siblings[siblings.indexOf(reference) + 1];
  if (next) tree.insertBefore(reference.parentNode, element, next);
  else tree.appendChild(reference.parentNode, element);
  return element;
}

/** The inline scripts (no `src`) of a page: the elements and their text. */
export const inlineScripts = (document) => all(document, 'script').filter((s) => attribute(s, 'src') === null);
