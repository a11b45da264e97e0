import lunr from 'lunr';
import stemmerSupport from 'lunr-languages/lunr.stemmer.support';
import spanish from 'lunr-languages/lunr.es';

// lunr with lunr-languages' Spanish support (its Snowball stemmer and stop word list) registered.
stemmerSupport(lunr);
spanish(lunr);

export { lunr };
