/**
 * Error thrown by the mesh file readers (Gmsh `.msh`, COMSOL `.mphtxt`) for files they cannot read: malformed,
 * truncated, unsupported version or element type, or a mesh that fails `validateMesh`. The message names the
 * format, the section and the line (ASCII) or byte offset (binary data) where the problem was found.
 */
export class MeshFormatError extends Error {
  /** 'gmsh' | 'mphtxt' (the reader that threw). */
  readonly format: string;
  /** Section of the file ('$Nodes', 'element type 2', …), if known. */
  readonly section: string | undefined;
  /** 1-based line number, if known. */
  readonly line: number | undefined;

  constructor(format: string, message: string, where: { section?: string; line?: number; byteOffset?: number } = {}) {
    const parts: string[] = [];
    if (where.section !== undefined) parts.push(where.section);
    if (where.line !== undefined) parts.push(`line ${where.line}`);
    if (where.byteOffset !== undefined) parts.push(`byte ${where.byteOffset}`);
    super(`${format}: ${parts.length > 0 ? `${parts.join(', ')}: ` : ''}${message}`);
    this.name = 'MeshFormatError';
    this.format = format;
    this.section = where.section;
    this.line = where.line;
  }
}
