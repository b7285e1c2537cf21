/** RPM License tags to SPDX: the expression when the tag is one (Fedora's since F38), a LicenseRef otherwise. */
import parse, { type SpdxExpressionNode } from 'spdx-expression-parse';
import { sha256Hex } from './sha256.ts';

/** A licence the SPDX document must declare in `hasExtractedLicensingInfos`. */
export interface ExtractedLicense {
  licenseId: string;
  extractedText: string;
  name: string;
}

/** The SPDX form of one RPM licence tag. */
export interface SpdxLicense {
  /** For `licenseDeclared`: an SPDX expression, a LicenseRef, or NOASSERTION. */
  expression: string;
  /** LicenseRefs the expression uses, to declare in the document. */
  extracted: ExtractedLicense[];
}

function write(node: SpdxExpressionNode, parent: 'and' | 'or' | null): string {
  if ('license' in node) return `${node.license}${node.plus ? '+' : ''}${node.exception ? ` WITH ${node.exception}` : ''}`;
  const text = `${write(node.left, node.conjunction)} ${node.conjunction.toUpperCase()} ${write(node.right, node.conjunction)}`;
  // Parenthesise whenever the operator changes, so precedence never has to be remembered by a reader.
  return parent !== null && parent !== node.conjunction ? `(${text})` : text;
}

function licenseRefs(node: SpdxExpressionNode, out: Set<string>): void {
  if ('license' in node) {
    if (node.license.startsWith('LicenseRef-')) out.add(node.license);
  } else {
    licenseRefs(node.left, out);
    licenseRefs(node.right, out);
  }
}

/** A stable LicenseRef id for a licence string that is not an SPDX expression (idstring allows only letters, digits, `.` and `-`). */
export function licenseRefFor(text: string): string {
  const slug = text.replace(/[^A-Za-z0-9.]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48);
  return `LicenseRef-rpm-${slug ? `${slug}-` : ''}${sha256Hex(text).slice(0, 8)}`;
}

/** Converts an RPM License tag to its SPDX form. */
export function rpmLicenseToSpdx(rpmLicense: string): SpdxLicense {
  const text = rpmLicense.trim().replace(/\s+/g, ' ');
  if (text === '') return { expression: 'NOASSERTION', extracted: [] };
  if (!text.includes('DocumentRef-')) {
    try {
      const ast = parse(text);
      const refs = new Set<string>();
      licenseRefs(ast, refs);
      return {
        expression: write(ast, null),
        // The text must not depend on which package used the reference first, or the document would depend on order.
        extracted: [...refs].sort().map((id) => ({ licenseId: id, name: id, extractedText: `${id} is used in RPM License tags; its text is in the distribution's licence data.` })),
      };
    } catch {
      // Not an SPDX expression (e.g. Callaway names like "GPLv2+"): fall through to a LicenseRef.
    }
  }
  const id = licenseRefFor(text);
  return { expression: id, extracted: [{ licenseId: id, name: text, extractedText: text }] };
}
