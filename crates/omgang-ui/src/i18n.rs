//! The translation layer: Fluent messages for Dutch (the default) and English, embedded in
//! the binary. Every user-facing string of the pages comes from `locales/*.ftl`.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use omgang_domain::text::Lang;

pub const NL_FTL: &str = include_str!("../locales/nl.ftl");
pub const EN_FTL: &str = include_str!("../locales/en.ftl");

pub struct I18n {
    nl: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("I18n")
    }
}

fn bundle(tag: &str, source: &str) -> Result<FluentBundle<FluentResource>, String> {
    let lang: unic_langid::LanguageIdentifier = tag
        .parse()
        .map_err(|e| format!("language tag {tag}: {e}"))?;
    let resource = FluentResource::try_new(source.to_owned())
        .map_err(|(_, errors)| format!("{tag}.ftl does not parse: {errors:?}"))?;
    let mut bundle = FluentBundle::new_concurrent(vec![lang]);
    // No Unicode isolation marks: the text goes into HTML, where they would show up in
    // copied text and in tests.
    bundle.set_use_isolating(false);
    bundle
        .add_resource(resource)
        .map_err(|errors| format!("{tag}.ftl has duplicate messages: {errors:?}"))?;
    Ok(bundle)
}

impl I18n {
    pub fn load() -> Result<I18n, String> {
        Ok(I18n {
            nl: bundle("nl-NL", NL_FTL)?,
            en: bundle("en-GB", EN_FTL)?,
        })
    }

    fn bundle(&self, lang: Lang) -> &FluentBundle<FluentResource> {
        match lang {
            Lang::Nl => &self.nl,
            Lang::En => &self.en,
        }
    }

    /// Whether a message exists in the given language.
    pub fn has(&self, lang: Lang, key: &str) -> bool {
        self.bundle(lang).has_message(key)
    }

    /// The message `key` in `lang`, with arguments; the key itself when it is missing (and a
    /// warning in the log), never a panic.
    pub fn t_args(&self, lang: Lang, key: &str, args: Option<&FluentArgs>) -> String {
        let bundle = self.bundle(lang);
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            tracing::warn!(key, ?lang, "missing translation");
            return key.to_owned();
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::warn!(key, ?errors, "translation formatting problem");
        }
        text.into_owned()
    }

    pub fn t(&self, lang: Lang, key: &str) -> String {
        self.t_args(lang, key, None)
    }

    /// A message with one argument.
    pub fn t1(&self, lang: Lang, key: &str, name: &'static str, value: impl ToString) -> String {
        let mut args = FluentArgs::new();
        args.set(name, FluentValue::from(value.to_string()));
        self.t_args(lang, key, Some(&args))
    }

    /// The message ids of a language file (for the consistency test).
    pub fn ids(source: &str) -> Vec<String> {
        source
            .lines()
            .filter(|l| !l.starts_with([' ', '#', '\t', '-']) && l.contains(" ="))
            .filter_map(|l| l.split(" =").next())
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect()
    }
}
