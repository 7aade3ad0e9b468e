/**
 * What staff may pick to narrow a customer search, contributed by the modules that own it (segments and tags by
 * segmentation) to the customer module's search page without the customer module depending on them.
 */
package io.insurecrm.platform.search;
