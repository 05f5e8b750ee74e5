/** Which CoreScope this is: the package's version (bundled in at build time), the contract's, and Node's. */
import { CONTRACT_VERSION, type VersionInfo } from '../../contract/catalog.js';
import pkg from '../../package.json' with { type: 'json' };

export const versionInfo = (): VersionInfo => ({ app: pkg.version, contract: CONTRACT_VERSION, node: process.versions.node });
