//! Every interface string, in both languages. A key missing a language does not compile.

use super::Lang;

macro_rules! keys {
    ($($key:ident => $zh:literal, $en:literal;)*) => {
        /// An interface string.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Key { $($key,)* }

        impl Key {
            pub fn get(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Key::$key, Lang::Zh) => $zh, (Key::$key, Lang::En) => $en,)*
                }
            }
        }
    };
}

keys! {
    // Layout
    ServiceName => "嵩明县掌上办事大厅", "Songming County Palm Hall";
    SkipLink => "跳到主要内容", "Skip to main content";
    MainNav => "主导航", "Main navigation";
    Menu => "菜单", "Menu";
    NavGuide => "办事指南", "Service guide";
    NavPoints => "服务网点", "Service points";
    SignIn => "登录", "Sign in";
    My => "我的", "My account";
    ElderOn => "长辈版（大字）", "Large text";
    ElderOff => "切换到标准版", "Standard text";
    FooterHost => "嵩明县政务服务管理局 主办 · 咨询电话 0871-67911234（工作日 9:00–19:00）",
        "Run by the Songming County Government Services Bureau · Help line 0871-67911234 (working days 9:00–19:00)";
    FooterDemo => "本站服务事项、网点位置和电话为演示数据。",
        "The items, service points and phone numbers on this site are demonstration data.";
    Loading => "正在加载…", "Loading…";
    Back => "返回", "Back";
    BackHome => "返回首页", "Back to home";
    BackGuide => "返回办事指南", "Back to the service guide";
    ComingSoon => "（即将开通）", " (coming soon)";
    ErrorSummaryTitle => "出现问题", "There is a problem";
    // Search box
    SearchLabel => "搜索办事事项", "Search for a service";
    SearchHint => "输入事项名称、材料名称或拼音首字母，如“营业执照”或“yyzz”",
        "Enter the name of a service or a document, or pinyin initials, for example “营业执照” or “yyzz”";
    Search => "搜索", "Search";
    // Home
    HomeTitle => "首页", "Home";
    ByAudience => "按对象查找", "Find by who you are";
    Personal => "个人办事", "For individuals";
    Enterprise => "法人办事", "For businesses";
    Nearby => "可就近办", "Available nearby";
    CountyCentre => "县政务服务中心", "County Government Service Centre";
    Events => "一件事一次办", "Life events, done in one go";
    ByDepartment => "按部门查找", "Find by department";
    BookAndApply => "预约与网上申报", "Appointments and online applications";
    BookAndApplyText => "可以网上预约到服务网点办理的时间，县政务服务中心周末和节假日也可预约。网上申报和办件查询正在建设中。",
        "Book a time at a service point online; the county hall takes bookings at weekends and on holidays too. Online applications and case tracking are coming.";
    Book => "预约办事", "Book an appointment";
    Track => "办件查询", "Track a case";
    // Guide search
    Filter => "筛选：", "Filter: ";
    ClearFilter => "清除筛选", "Clear filter";
    NoResults => "没有找到相关事项", "No matching services";
    NoResultsTypo => "检查是否有错别字，或换一个说法，如“营业执照”“身份证”",
        "Check the spelling, or try other words, for example “营业执照” or “身份证”";
    NoResultsShort => "只输入关键的两三个字", "Enter only two or three key characters";
    NoResultsPinyin => "用拼音首字母搜索，如“yyzz”", "Search by pinyin initials, for example “yyzz”";
    NoResultsCall => "仍找不到？请拨打 0871-67911234 咨询。", "Still cannot find it? Call 0871-67911234.";
    // Items
    ZeroVisits => "零跑腿", "No visit needed";
    OneVisit => "只跑一次", "One visit at most";
    ZeroVisitsLong => "零跑腿（全程网办或邮寄送达）", "No visit needed (online or by post)";
    ItemKindLabel => "事项类型", "Type";
    Department => "实施部门", "Department";
    HandlingLabel => "办件类型", "Handling";
    TimeLimit => "办理时限", "Time limit";
    Visits => "跑动次数", "Visits";
    OnlineDepth => "网办深度", "Online level";
    Fee => "收费标准", "Fee";
    AudienceLabel => "服务对象", "For";
    LegalBasis => "设定依据", "Legal basis";
    Conditions => "受理条件", "Who can apply";
    Materials => "申请材料", "Documents to bring";
    DeferrableHint => "标“可容缺”的材料暂时缺少时，窗口可先受理（容缺受理），请在告知的期限内补齐。",
        "If a document marked “can follow later” is missing, the window can still accept the application; bring it within the time you are told.";
    Steps => "办理流程", "Steps";
    Places => "办理地点", "Where to go";
    HowToApply => "办理方式", "How to apply";
    ApplyOnline => "网上申报", "Apply online";
    BookVisit => "预约办理", "Book a visit";
    MyBookings => "我的预约", "My bookings";
    Notices => "消息", "Messages";
    ItemWord => "事项", "service";
    // Points
    PointWord => "服务网点", "service point";
    ClosedToday => "今天休息", "Closed today";
    Closed => "休息", "Closed";
    AllYear => "365天不打烊", "Open 365 days";
    Lunch => "午间不打烊", "Open at lunchtime";
    Evening => "延时服务", "Open late";
    Address => "地址", "Address";
    NavigateAmap => "高德地图导航", "Directions in Amap";
    NavigateBaidu => "百度地图导航", "Directions in Baidu Maps";
    Phone => "电话", "Phone";
    Hours => "办公时间", "Opening hours";
    Windows => "窗口分布", "Windows";
    Stations => "辖区便民服务站", "Village service stations nearby";
    WorkingDays => "工作日", "Working days";
    Weekends => "周六、周日", "Saturday and Sunday";
    PublicHolidays => "法定节假日", "Public holidays";
    // Calendar
    CalendarTitle => "节假日与工作日", "Holidays and working days";
    CalendarIntro => "办理时限按工作日计算：周六、周日和法定节假日不计，调休上班日计入。",
        "Time limits count working days: Saturdays, Sundays and public holidays do not count; make-up working days do.";
    CalcTitle => "计算办理期限", "Work out a deadline";
    FromLabel => "受理日期", "Date accepted";
    FromHint => "例如 2026-09-30", "For example 2026-09-30";
    DaysLabel => "承诺时限（工作日）", "Time limit (working days)";
    Calculate => "计算", "Calculate";
    Provisional => "注意：其中有年份的节假日安排尚未发布，暂按周末休息计算，发布后可能调整。",
        "Note: the holidays for one of these years are not published yet, so only weekends are counted as days off; the date may change once they are.";
    Date => "日期", "Date";
    Arrangement => "安排", "Arrangement";
    DayOff => "放假", "day off";
    MakeupWorkday => "调休上班", "make-up working day";
    NotPublishedText => "发布前，本站暂按周六、周日休息计算办公时间和办理时限；管理员录入国务院办公厅通知后即按新安排计算。",
        "Until then this site counts only Saturdays and Sundays as days off for opening hours and time limits; the new arrangement applies once an administrator enters the State Council notice.";
    FromMissing => "请输入受理日期", "Enter the date accepted";
    FromBad => "受理日期格式不正确，请按“2026-09-30”的格式输入", "Enter the date accepted in the format 2026-09-30";
    DaysMissing => "请输入工作日天数", "Enter the number of working days";
    DaysBad => "工作日天数须为0到365之间的整数", "The number of working days must be a whole number from 0 to 365";
    // Not found and errors
    NotFoundText => "如果您是输入的网址，请检查是否有误；如果是扫码或点击链接进入，该内容可能已调整。",
        "If you typed the address, check it is correct. If you followed a link or scanned a code, the content may have moved.";
    NotFoundSearch => "您可以搜索要办理的事项：", "You can search for the service you need:";
    PageWord => "页面", "page";
    Busy => "系统繁忙，请稍后再试", "The service is busy. Please try again later.";
    PleaseSignIn => "请先登录", "Please sign in";
    PleaseSignInText => "该页面需要登录后才能查看。", "You need to sign in to see this page.";
    CitizenSignIn => "群众登录", "Sign in as a resident";
    StaffSignIn => "工作人员登录", "Staff sign in";
    ErrorTitle => "出现问题", "Something went wrong";
    ErrorHeading => "抱歉，服务暂时出现问题", "Sorry, there is a problem with the service";
    ErrorText => "您填写的内容不会丢失。请稍后刷新本页，或拨打 0871-67911234 咨询。",
        "What you entered will not be lost. Refresh this page later, or call 0871-67911234.";
    // Sign-in and account
    SignInIntro => "输入手机号码，我们会发送一条短信验证码。首次登录将自动注册。",
        "Enter your mobile number and we will text you a code. Signing in for the first time creates your account.";
    PhoneLabel => "手机号码", "Mobile number";
    PhoneHint => "11位手机号码，如 138 1234 5678", "11 digits, like 138 1234 5678";
    GetCode => "获取验证码", "Text me a code";
    EnterPhoneFirst => "请先输入手机号码", "Enter your mobile number first";
    BackToSignIn => "返回登录", "Back to sign in";
    EnterCode => "输入验证码", "Enter the code";
    ChangePhone => "更换手机号码", "Use another number";
    CodeLabel => "短信验证码", "Code from the text message";
    CodeHint => "6位数字", "6 digits";
    ResendCode => "没有收到？重新获取", "Not received? Send a new code";
    NoticeTitle => "个人信息保护告知", "How we use your personal information";
    NoticeIntro => "根据《中华人民共和国个人信息保护法》，在您使用本平台前，请了解我们如何处理您的个人信息：",
        "Under the Personal Information Protection Law of the People’s Republic of China, before you use this service please read how we handle your personal information:";
    Notice1 => "我们只收集办理所选事项所必需的信息，如手机号码、姓名、身份证号码和申请材料。",
        "We collect only what the chosen service needs, such as your mobile number, name, ID card number and documents.";
    Notice2 => "您的信息只用于办理您申请的事项，并按规定交由承办部门处理，不会用于其他目的。",
        "Your information is used only for the services you apply for and is passed to the department that handles them as the rules require, for no other purpose.";
    Notice3 => "页面上显示的身份证号码和手机号码会部分隐藏；工作人员查看您的办件均有记录。",
        "ID card and mobile numbers are partly hidden on screen; every time staff look at your case is recorded.";
    Notice4 => "您可以随时查询、更正您的信息，或申请注销账号。咨询电话 0871-67911234。",
        "You can see and correct your information, or close your account, at any time. Help line 0871-67911234.";
    Agree => "同意并继续", "Agree and continue";
    Disagree => "不同意，退出登录", "Do not agree, sign out";
    Username => "用户名", "Username";
    Password => "密码", "Password";
    SignedOutTitle => "已退出登录", "Signed out";
    SignedOutHeading => "您已退出登录", "You have signed out";
    SignedOutText => "您的登录状态已在本设备和服务器上清除，个人页面不会保留在本机。",
        "You are signed out on this device and on the server; your personal pages are not kept on this device.";
    SignInAgain => "重新登录", "Sign in again";
    Name => "名称", "Name";
    Roles => "身份", "Roles";
    StaffConsole => "进入工作台", "Go to the staff console";
    SignOut => "退出登录", "Sign out";
}
