import { Testing } from 'cdktf';
// Brings the matcher type declarations into every test file.
import 'cdktf/lib/testing/adapters/jest';

// cdktf matchers: toHaveResource, toHaveResourceWithProperties, toBeValidTerraform, ...
Testing.setupJest();
