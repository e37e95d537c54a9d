/** The version `axial --version` prints (the package's). */
export const VERSION = '0.1.0';
