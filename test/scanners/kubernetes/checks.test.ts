import { kubernetesScanner } from '../../../scanners/kubernetes';
import { describeCheckFixtures } from '../helm/fixture-cases';

describeCheckFixtures('kubernetes', 'k8s-', kubernetesScanner);
