import { Testing } from 'cdktf';
import { skipTokenCreationStacks } from '../app';
import { checkBinaryVersionsOncePerProcess } from '../constructs/binary-version-checks';
// Brings the matcher type declarations into every test file.
import 'cdktf/lib/testing/adapters/jest';

// cdktf matchers: toHaveResource, toHaveResourceWithProperties, toBeValidTerraform, ...
Testing.setupJest();

// As in every synth process (main.ts): each terraform version check runs once, none where
// terraform is not installed, so in-process synths need no terraform binary either; and
// tokens record no creation stack (under jest, source maps made each capture costly).
checkBinaryVersionsOncePerProcess();
skipTokenCreationStacks();
