//! The pictures of `/chart`, drawn once per dataset version and shared by
//! every format's answer.
//!
//! A chart's answer exists in up to five formats (text, JSON, Discord
//! message, Discord button, Telegram), and each is its own entry of the
//! answer cache; the picture (100–300 KB) is the same in all of them. The
//! memo keys it by what it depends on — the dataset's generation, the
//! [`ChartSpec`] and the language — so it is drawn once and every format's
//! answer holds the same `Arc<[u8]>`. Concurrent askers of one picture wait
//! for the one drawing (quick_cache's `get_or_insert_with`).

use quick_cache::sync::Cache;
use quick_cache::{OptionsBuilder, Weighter};

use crate::chart::{ChartData, ChartError, ChartSpec};
use crate::commands::{Fresh, Painter};
use crate::lang::Lang;
use crate::reply::Image;

/// Bookkeeping per picture beyond its bytes.
const OVERHEAD: usize = 256;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    generation: u64,
    spec: ChartSpec,
    lang: Lang,
}

#[derive(Clone)]
struct Weigh;

impl Weighter<Key, Image> for Weigh {
    fn weight(&self, _key: &Key, image: &Image) -> u64 {
        weight(image)
    }
}

fn weight(image: &Image) -> u64 {
    (image.byte_len() + image.file_name.len() + image.description.len() + OVERHEAD) as u64
}

/// The bounded memo of pictures, by bytes.
pub(super) struct Pictures {
    cache: Cache<Key, Image, Weigh>,
    bytes: u64,
}

impl Pictures {
    /// A memo of at most `bytes` (none when 0).
    pub(super) fn new(bytes: usize) -> Option<Pictures> {
        let bytes = bytes as u64;
        (bytes > 0).then(|| {
            let options = OptionsBuilder::new()
                // About 200 KB a picture.
                .estimated_items_capacity((bytes / (200 * 1024)).max(1) as usize)
                .weight_capacity(bytes)
                // One shard: each holds an equal part of the bytes, and a
                // picture must fit in one. Drawings are rare, reads short.
                .shards(1)
                .build()
                .expect("estimated items and weight capacity are set");
            Pictures {
                cache: Cache::with_options(options, Weigh, Default::default(), Default::default()),
                bytes,
            }
        })
    }

    pub(super) fn len(&self) -> usize {
        self.cache.len()
    }

    pub(super) fn weight(&self) -> u64 {
        self.cache.weight()
    }

    /// The painter for one dataset version.
    pub(super) fn painter(&self, generation: u64) -> Memo<'_> {
        Memo {
            pictures: self,
            generation,
        }
    }
}

/// Paints from the memo, drawing what it does not hold yet.
pub(super) struct Memo<'a> {
    pictures: &'a Pictures,
    generation: u64,
}

impl Painter for Memo<'_> {
    fn paint(&self, spec: &ChartSpec, data: &ChartData) -> Result<Image, ChartError> {
        let key = Key {
            generation: self.generation,
            spec: spec.clone(),
            lang: data.lang,
        };
        let image = self
            .pictures
            .cache
            .get_or_insert_with(&key, || Fresh.paint(spec, data))?;
        // A picture larger than the whole memo is served but not kept (the
        // cache refuses it); say so in the log rather than wonder later.
        if weight(&image) > self.pictures.bytes {
            tracing::debug!(
                bytes = image.byte_len(),
                "a picture larger than the memo is not kept"
            );
        }
        Ok(image)
    }
}
