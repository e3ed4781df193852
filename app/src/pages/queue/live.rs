//! The window screen's live part: an island that listens to server-sent events (`/events/…`). The page around
//! them is complete without JavaScript (it offers a "刷新" button instead); these only keep it up to date.

use crate::domain::queue::{announcement, ScreenLive};
use crate::domain::rating::qr_fresh;
#[cfg(feature = "hydrate")]
use crate::components::live::listen;
use leptos::prelude::*;

/// A window screen: the number being served, announced aloud (speech synthesis) when it is called or recalled,
/// and the rating QR code (好差评), replaced at every token rotation. The screen never shows a code that no longer
/// works: without a newer one (the network dropped) it hides the code after its time and says why.
// Lazy: its code (the rotating code's freshness, speech) is a file of its own, loaded by the screen page only.
#[island(lazy)]
pub fn LiveScreen(window_id: String, initial: ScreenLive) -> impl IntoView {
    let live = RwSignal::new(initial);
    let announced = RwSignal::new(String::new());
    // Browsers speak only after a person has touched the page once: the screen shows a button until then.
    let voice_ready = RwSignal::new(false);
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    // When the code on screen arrived, and the screen's clock, ticking each second (browser only).
    let received = RwSignal::new(0.0_f64);
    let clock = RwSignal::new(0.0_f64);
    #[cfg(feature = "hydrate")]
    {
        let now = js_sys::Date::now();
        received.set(now);
        clock.set(now);
        gloo_timers::callback::Interval::new(1000, move || clock.set(js_sys::Date::now())).forget();
        listen(&format!("/events/windows/{window_id}"), move |v: ScreenLive| {
            let before = live.get_untracked().serving;
            if let Some((number, _)) = v.serving.as_ref().filter(|s| before.as_ref() != Some(*s)) {
                let text = announcement(number, v.window_number);
                speak(&text);
                announced.set(text);
            }
            if v.qr.is_some() {
                received.set(js_sys::Date::now());
            }
            live.set(v);
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (window_id, announcement);
    // The code, only while it works: on the server (and without JavaScript) the page's own, just made.
    let qr = Memo::new(move |_| {
        live.with(|l| l.qr.clone()).filter(|q| !hydrated.get() || qr_fresh(received.get(), clock.get(), q.show_secs))
    });
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
        <div class="screen-qr" data-testid="screen-qr">
            {move || match qr.get() {
                Some(q) => view! {
                    <div class="qr" data-slot=q.slot data-url=q.url inner_html=q.svg></div>
                    <p class="screen-qr__caption">"扫码评价本窗口服务"</p>
                }.into_any(),
                None => view! {
                    <p class="screen-qr__paused" role="status">"网络中断，评价二维码暂停显示，恢复后自动更新"</p>
                }.into_any(),
            }}
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
