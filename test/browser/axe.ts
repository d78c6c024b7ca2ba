import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** axe-core's browser build, read once (its own file from the package, nothing fetched). */
let axeSource: string | null = null;
function source(): string {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string; failureSummary?: string }[];
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules and axe's best practices) on the page as it is now and returns
 * the violations of the given impacts (critical and serious unless told). The source is evaluated through the
 * DevTools protocol, so the app's Content-Security-Policy (`script-src 'self'`) stays as it is.
 */
export async function axeViolations(
  page: Page,
  impacts: readonly string[] = ['critical', 'serious'],
): Promise<AxeViolation[]> {
  const loaded = await page.evaluate('typeof window.axe === "object"');
  if (!loaded) await page.evaluate(source());
  // evaluated in the page (a string: the tests' TypeScript has no DOM types)
  const violations = await page.evaluate<AxeViolation[]>(`(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({
        target: node.target,
        html: node.html,
        failureSummary: node.failureSummary,
      })),
    }));
  })()`);
  return violations.filter((violation) => violation.impact !== null && impacts.includes(violation.impact));
}

/** A readable list of violations for a failing expectation: rule, impact, help and the first elements. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help}\n` +
        violation.nodes
          .slice(0, 3)
          .map((node) => `    ${node.target.join(' ')}  ${node.html.slice(0, 120)}`)
          .join('\n'),
    )
    .join('\n');
}

/** Fails with the list when the page has critical or serious violations (for any browser test to call). */
export async function expectNoSeriousAxeViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length > 0)
    throw new Error(
      `axe-core found ${violations.length} violation(s) on ${where}:\n${describeViolations(violations)}`,
    );
}
