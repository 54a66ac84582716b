/**
 * Checks of the whole canonical config that synth runs, and every tool that edits the
 * config runs before it writes: one list, so an edit can never produce a file that
 * synth rejects.
 */
import { invokePolicyBudgetIssues } from '../policies/invoke-role';
import { scpBudgetIssues } from '../policies/scp';
import type { ConfigCheck } from './load';

export const SYNTH_CONFIG_CHECKS: readonly ConfigCheck[] = [scpBudgetIssues, invokePolicyBudgetIssues];
