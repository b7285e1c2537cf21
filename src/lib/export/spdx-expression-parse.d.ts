/** Types for spdx-expression-parse 4, which ships none. */
declare module 'spdx-expression-parse' {
  /** A single licence, optionally `+` and `WITH` an exception. */
  export interface SpdxLicenseNode {
    license: string;
    plus?: boolean;
    exception?: string;
  }
  /** Two sub-expressions joined by AND/OR (reported in lower case). */
  export interface SpdxConjunctionNode {
    left: SpdxExpressionNode;
    conjunction: 'and' | 'or';
    right: SpdxExpressionNode;
  }
  /** A parsed SPDX licence expression. */
  export type SpdxExpressionNode = SpdxLicenseNode | SpdxConjunctionNode;
  /** Parses an SPDX expression; throws on anything that is not one. */
  export default function parse(source: string): SpdxExpressionNode;
}
