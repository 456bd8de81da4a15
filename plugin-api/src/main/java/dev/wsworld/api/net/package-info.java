/** See the package's classes; nothing here is null unless its type says {@code @Nullable}. */
@NullMarked
package dev.wsworld.api.net;

import org.jspecify.annotations.NullMarked;
