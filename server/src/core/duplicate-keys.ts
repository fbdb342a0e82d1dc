import { isCollection, isMap, isPair, isScalar, type Document, type Node } from 'yaml';
import { isMergeKey } from './yaml-nodes';

/**
 * Repeated keys, found in one pass with a set per mapping. The YAML library's own check
 * (`uniqueKeys`) compares each key with every earlier key of its mapping: a charter of 20,000
 * keys took a minute to parse. Same rule as the library's: two keys are the same when both are
 * scalars with equal values; same position (the repeated key's first character) and message.
 */
export function duplicateKeyProblems(doc: Document): { message: string; code: string; start: number; end: number }[] {
  const problems: { message: string; code: string; start: number; end: number }[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isCollection(node)) continue;
    const seen = isMap(node) ? new Set<unknown>() : undefined;
    for (const item of node.items as unknown[]) {
      if (isPair(item)) {
        const key = item.key as Node | null;
        // Several merge keys (`<<`) in one mapping are allowed, as the library allows them.
        if (seen && isScalar(key) && !Number.isNaN(key.value) && !isMergeKey(key)) {
          if (seen.has(key.value)) {
            const start = key.range?.[0] ?? 0;
            problems.push({ message: 'Map keys must be unique', code: 'DUPLICATE_KEY', start, end: start + 1 });
          } else seen.add(key.value);
        }
        stack.push(item.key, item.value);
      } else stack.push(item);
    }
  }
  return problems.sort((a, b) => a.start - b.start);
}
