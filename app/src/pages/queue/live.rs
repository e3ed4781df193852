//! The window screen's live part: an island that listens to server-sent events (`/events/…`). The page around
//! them is complete without JavaScript (it offers a "刷新" button instead); these only keep it up to date.

use crate::domain::queue::{announcement, ScreenLive};
#[cfg(feature = "hydrate")]
use crate::components::live::listen;
use leptos::prelude::*;

/// A window screen: the number being served, announced aloud (speech synthesis) when it is called or recalled.
#[island]
pub fn LiveScreen(window_id: String, initial: ScreenLive) -> impl IntoView {
    let live = RwSignal::new(initial);
    let announced = RwSignal::new(String::new());
    // Browsers speak only after a person has touched the page once: the screen shows a button until then.
    let voice_ready = RwSignal::new(false);
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    #[cfg(feature = "hydrate")]
    listen(&format!("/events/windows/{window_id}"), move |v: ScreenLive| {
        let before = live.get_untracked().serving;
        if let Some((number, _)) = v.serving.as_ref().filter(|s| before.as_ref() != Some(*s)) {
            let text = announcement(number, v.window_number);
            speak(&text);
            announced.set(text);
        }
        live.set(v);
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (window_id, announcement);
    view! {
        <div class="screen-live">
            <p class="screen-live__label">"正在办理"</p>
            <p class="screen-live__number" data-testid="screen-number">
                {move || live.get().serving.map(|s| s.0).unwrap_or_else(|| "—".into())}
            </p>
            <p class="screen-live__call" aria-live="assertive" data-testid="screen-call">
                {move || {
                    let l = live.get();
                    l.serving.map(|s| announcement(&s.0, l.window_number)).unwrap_or_else(|| "暂无叫号".into())
                }}
            </p>
            <p class="screen-live__waiting">{move || format!("等候 {} 人", live.get().waiting)}</p>
            <p class="visually-hidden" data-testid="screen-announced">{move || announced.get()}</p>
            {move || (hydrated.get() && !voice_ready.get()).then(|| view! {
                <button class="button button--secondary" type="button" on:click=move |_| {
                    #[cfg(feature = "hydrate")]
                    speak("语音播报已开启");
                    voice_ready.set(true);
                }>"开启语音播报"</button>
            })}
        </div>
    }
}

/// Says `text` aloud in Chinese with the browser's speech synthesis, if it has one.
#[cfg(feature = "hydrate")]
fn speak(text: &str) {
    let Some(synth) = web_sys::window().and_then(|w| w.speech_synthesis().ok()) else { return };
    if let Ok(u) = web_sys::SpeechSynthesisUtterance::new_with_text(text) {
        u.set_lang("zh-CN");
        synth.speak(&u);
    }
}
