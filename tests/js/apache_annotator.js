// Entry of the browser bundle tests/test_clients.py makes with esbuild: Apache Annotator's DOM
// selectors as window.ApacheAnnotator.
import * as dom from '@apache-annotator/dom';

window.ApacheAnnotator = dom;
