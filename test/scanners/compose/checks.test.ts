import { composeScanner } from '../../../scanners/compose';
import { describeCheckFixtures } from './check-fixtures';

describeCheckFixtures('compose', 'compose-', composeScanner);
