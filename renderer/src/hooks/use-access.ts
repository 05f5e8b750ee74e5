/**
 * What this page may do, as the server said (session()): 'read' for a view-only link. Controls ask
 * here and hide or disable themselves; the server refuses them anyway, this only spares a viewer a
 * button that can only fail.
 */
import { createContext, useContext } from 'react';
import type { Access } from '../../../contract/methods.js';

export const AccessContext = createContext<Access>('control');

export const useCanControl = (): boolean => useContext(AccessContext) === 'control';

/** Said on every control a viewer sees disabled. */
export const VIEW_ONLY_WORDS = 'this link is view-only';
