/**
 * The declared facts (申报时声明) of the policy being edited, as the rule builder needs them: the editor
 * provides its form's current declarations, the builder offers them as conditions and names them in the
 * readable text. Outside an editor the list is empty (no 申报时声明 condition is offered).
 */
import { createContext, useContext } from 'react';
import type { DeclaredFactDefinition } from '../../../../../../core/rules/declared.ts';

export const DeclaredFactsContext = createContext<readonly DeclaredFactDefinition[]>([]);

export const useDeclaredFacts = () => useContext(DeclaredFactsContext);
