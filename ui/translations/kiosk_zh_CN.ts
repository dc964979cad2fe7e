<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../screens/attract.py" line="113"/>
        <source>Welcome. Touch a service on the screen to begin.</source>
        <translation>欢迎使用。请点击屏幕上的业务开始办理。</translation>
    </message>
    <message>
        <location filename="../screens/attract.py" line="117"/>
        <source>Welcome to the self-service terminal</source>
        <translation>欢迎使用政务服务自助终端</translation>
    </message>
    <message>
        <location filename="../screens/attract.py" line="118"/>
        <source>Touch a service below to begin</source>
        <translation>请点击下方业务开始</translation>
    </message>
</context>
<context>
    <name>CallStaffScreen</name>
    <message>
        <location filename="../screens/call_staff.py" line="47"/>
        <source>Call staff</source>
        <translation>呼叫工作人员</translation>
    </message>
    <message>
        <location filename="../screens/call_staff.py" line="48"/>
        <source>A staff member has been called. Please wait here.</source>
        <translation>已为您呼叫工作人员，请在此稍候。</translation>
    </message>
    <message>
        <location filename="../screens/call_staff.py" line="49"/>
        <source>Touch Back to continue what you were doing while you wait.</source>
        <translation>等候期间，可点击“返回”继续刚才的操作。</translation>
    </message>
</context>
<context>
    <name>CardRemovedNotice</name>
    <message>
        <location filename="../widgets/identity_card_removed_notice.py" line="51"/>
        <source>Your card was removed</source>
        <translation>您的卡已取出</translation>
    </message>
    <message>
        <location filename="../widgets/identity_card_removed_notice.py" line="54"/>
        <source>To protect your information, this session ends now and everything you entered is cleared.</source>
        <translation>为保护您的信息，本次办理将结束，您输入的内容将全部清除。</translation>
    </message>
</context>
<context>
    <name>Catalog</name>
    <message>
        <location filename="../screens/catalog_texts.py" line="28"/>
        <source>Having a baby</source>
        <translation>生育</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="29"/>
        <source>Education</source>
        <translation>教育</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="30"/>
        <source>Jobs and starting out</source>
        <translation>就业创业</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="31"/>
        <source>Social security</source>
        <translation>社会保障</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="32"/>
        <source>Marriage</source>
        <translation>婚姻</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="33"/>
        <source>Housing</source>
        <translation>住房</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="34"/>
        <source>Medical care</source>
        <translation>医疗</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="35"/>
        <source>Elderly care</source>
        <translation>养老</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="36"/>
        <source>Household registration</source>
        <translation>户籍</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="37"/>
        <source>Transport</source>
        <translation>交通出行</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="38"/>
        <source>Disability</source>
        <translation>残疾人</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="39"/>
        <source>Starting a business</source>
        <translation>开办企业</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="40"/>
        <source>Business permits</source>
        <translation>经营许可</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="41"/>
        <source>Taxes</source>
        <translation>纳税</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="42"/>
        <source>Construction projects</source>
        <translation>工程建设</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="43"/>
        <source>Closing a business</source>
        <translation>注销</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="51"/>
        <source>City level</source>
        <translation>市级</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="52"/>
        <source>Counties and districts</source>
        <translation>县区</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="53"/>
        <source>Towns and streets</source>
        <translation>乡镇街道</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="61"/>
        <source>Fully online</source>
        <translation>全程网办</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="62"/>
        <source>At most one visit</source>
        <translation>最多跑一次</translation>
    </message>
    <message>
        <location filename="../screens/catalog_texts.py" line="63"/>
        <source>You must come in person</source>
        <translation>必须到现场</translation>
    </message>
</context>
<context>
    <name>CatalogBrowseScreen</name>
    <message>
        <location filename="../screens/catalog_browse.py" line="141"/>
        <source>Choose a life event, a department, or an area to see its services.</source>
        <translation>请选择人生事项、部门或地区，查看相关服务。</translation>
    </message>
    <message>
        <location filename="../screens/catalog_browse.py" line="145"/>
        <source>Browse services</source>
        <translation>分类浏览</translation>
    </message>
    <message>
        <location filename="../screens/catalog_browse.py" line="146"/>
        <source>Life events and themes</source>
        <translation>人生事项与主题</translation>
    </message>
    <message>
        <location filename="../screens/catalog_browse.py" line="147"/>
        <location filename="../screens/catalog_browse.py" line="254"/>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../screens/catalog_browse.py" line="148"/>
        <source>Level and area</source>
        <translation>层级与地区</translation>
    </message>
    <message>
        <location filename="../screens/catalog_browse.py" line="149"/>
        <source>Show all</source>
        <translation>显示全部</translation>
    </message>
    <message>
        <location filename="../screens/catalog_browse.py" line="248"/>
        <source>For residents</source>
        <translation>个人办事</translation>
    </message>
    <message>
        <location filename="../screens/catalog_browse.py" line="249"/>
        <source>For enterprises</source>
        <translation>法人办事</translation>
    </message>
    <message>
        <location filename="../screens/catalog_browse.py" line="261"/>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <location filename="../screens/catalog_browse.py" line="266"/>
        <source>County or district</source>
        <translation>县（市、区）</translation>
    </message>
    <message>
        <location filename="../screens/catalog_browse.py" line="272"/>
        <source>Town or street</source>
        <translation>乡镇（街道）</translation>
    </message>
    <message>
        <location filename="../screens/catalog_browse.py" line="352"/>
        <source>Loading the list of services…</source>
        <translation>正在载入服务事项…</translation>
    </message>
    <message>
        <location filename="../screens/catalog_browse.py" line="355"/>
        <source>%1 services, the %2 most used first</source>
        <translation>共 %1 项服务，显示最常办理的 %2 项</translation>
    </message>
    <message>
        <location filename="../screens/catalog_browse.py" line="360"/>
        <source>%1 services</source>
        <translation>共 %1 项服务</translation>
    </message>
</context>
<context>
    <name>CatalogSearchScreen</name>
    <message>
        <location filename="../screens/catalog_search.py" line="100"/>
        <source>Type the name of a service, in Chinese characters or pinyin.</source>
        <translation>请输入服务名称，汉字或拼音均可。</translation>
    </message>
    <message>
        <location filename="../screens/catalog_search.py" line="104"/>
        <source>Find a service</source>
        <translation>查找服务</translation>
    </message>
    <message>
        <location filename="../screens/catalog_search.py" line="105"/>
        <source>For example 身份证, shenfenzheng or sfz</source>
        <translation>例如：身份证、shenfenzheng 或 sfz</translation>
    </message>
    <message>
        <location filename="../screens/catalog_search.py" line="106"/>
        <source>Search for a service</source>
        <translation>搜索服务事项</translation>
    </message>
    <message>
        <location filename="../screens/catalog_search.py" line="107"/>
        <location filename="../screens/catalog_search.py" line="108"/>
        <source>Browse by category</source>
        <translation>分类浏览</translation>
    </message>
    <message>
        <location filename="../screens/catalog_search.py" line="109"/>
        <source>Call staff</source>
        <translation>呼叫工作人员</translation>
    </message>
    <message>
        <location filename="../screens/catalog_search.py" line="172"/>
        <source>Loading the list of services…</source>
        <translation>正在载入服务事项…</translation>
    </message>
    <message>
        <location filename="../screens/catalog_search.py" line="175"/>
        <source>The list of services cannot be shown right now. Please ask at the counter.</source>
        <translation>暂时无法显示服务事项，请到窗口咨询。</translation>
    </message>
    <message>
        <location filename="../screens/catalog_search.py" line="179"/>
        <source>No service matches “%1”. Try fewer characters, browse by category, or call a staff member.</source>
        <translation>没有找到与“%1”相关的服务。请减少输入的字数、分类浏览，或呼叫工作人员。</translation>
    </message>
</context>
<context>
    <name>ComingSoonScreen</name>
    <message>
        <location filename="../screens/coming_soon.py" line="42"/>
        <source>Coming to this terminal soon. Until then, please ask at the service counter.</source>
        <translation>本终端即将开通此项服务。在此之前，请到服务窗口咨询办理。</translation>
    </message>
    <message>
        <location filename="../screens/coming_soon.py" line="44"/>
        <source>Touch Home to choose another service.</source>
        <translation>点击“首页”可选择其他业务。</translation>
    </message>
</context>
<context>
    <name>ConsentScreen</name>
    <message>
        <location filename="../screens/consent_screen.py" line="89"/>
        <source>Submitting…</source>
        <translation>正在提交…</translation>
    </message>
    <message>
        <location filename="../screens/consent_screen.py" line="108"/>
        <source>Read how your information is used, tick I agree, sign, then Submit.</source>
        <translation>请阅读个人信息的使用说明，勾选“我同意”并签名，然后点“提交”。</translation>
    </message>
    <message>
        <location filename="../screens/consent_screen.py" line="112"/>
        <source>Your consent</source>
        <translation>个人信息授权</translation>
    </message>
    <message>
        <location filename="../screens/consent_screen.py" line="120"/>
        <source>I have read this and agree that my information is processed as described.</source>
        <translation>我已阅读以上内容，同意按上述方式处理我的个人信息。</translation>
    </message>
    <message>
        <location filename="../screens/consent_screen.py" line="122"/>
        <source>I agree</source>
        <translation>我同意</translation>
    </message>
    <message>
        <location filename="../screens/consent_screen.py" line="124"/>
        <source>Sign here with your finger</source>
        <translation>请用手指在下方签名</translation>
    </message>
    <message>
        <location filename="../screens/consent_screen.py" line="125"/>
        <source>Signature box</source>
        <translation>签名区</translation>
    </message>
    <message>
        <location filename="../screens/consent_screen.py" line="126"/>
        <location filename="../screens/consent_screen.py" line="127"/>
        <source>Clear signature</source>
        <translation>清除签名</translation>
    </message>
    <message>
        <location filename="../screens/consent_screen.py" line="128"/>
        <source>Submit</source>
        <translation>提交</translation>
    </message>
    <message>
        <location filename="../screens/consent_screen.py" line="129"/>
        <source>Submit the application</source>
        <translation>提交申请</translation>
    </message>
    <message>
        <location filename="../screens/consent_screen.py" line="132"/>
        <source>The receipt printer is out of paper. After you submit, your receipt is shown on the screen: take a photo of it and its QR code.</source>
        <translation>回执打印机缺纸。提交后回执将显示在屏幕上，请用手机拍下回执和二维码。</translation>
    </message>
    <message>
        <location filename="../screens/consent_screen.py" line="136"/>
        <source>The receipt printer is not working. After you submit, your receipt is shown on the screen: take a photo of it and its QR code.</source>
        <translation>回执打印机暂时无法使用。提交后回执将显示在屏幕上，请用手机拍下回执和二维码。</translation>
    </message>
    <message>
        <location filename="../screens/consent_screen.py" line="140"/>
        <source>This terminal has no receipt printer. After you submit, your receipt is shown on the screen: take a photo of it and its QR code.</source>
        <translation>本机没有回执打印机。提交后回执将显示在屏幕上，请用手机拍下回执和二维码。</translation>
    </message>
</context>
<context>
    <name>CreditCodeKeypad</name>
    <message>
        <location filename="../widgets/identity_credit_code_keypad.py" line="95"/>
        <source>✓ The code is valid</source>
        <translation>✓ 代码校验通过</translation>
    </message>
    <message>
        <location filename="../widgets/identity_credit_code_keypad.py" line="98"/>
        <source>The last character (the check character) does not match. Please check the code.</source>
        <translation>最后一位（校验码）不正确，请核对代码。</translation>
    </message>
    <message>
        <location filename="../widgets/identity_credit_code_keypad.py" line="101"/>
        <source>This is not a valid unified social credit code. Please check it.</source>
        <translation>这不是有效的统一社会信用代码，请核对。</translation>
    </message>
    <message>
        <location filename="../widgets/identity_credit_code_keypad.py" line="103"/>
        <source>%1 of 18 characters</source>
        <translation>已输入 %1 / 18 位</translation>
    </message>
    <message>
        <location filename="../widgets/identity_credit_code_keypad.py" line="119"/>
        <source>Character %1</source>
        <translation>字符 %1</translation>
    </message>
    <message>
        <location filename="../widgets/identity_credit_code_keypad.py" line="120"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../widgets/identity_credit_code_keypad.py" line="121"/>
        <source>Delete the last character</source>
        <translation>删除最后一位</translation>
    </message>
    <message>
        <location filename="../widgets/identity_credit_code_keypad.py" line="122"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location filename="../widgets/identity_credit_code_keypad.py" line="123"/>
        <source>Clear the code</source>
        <translation>清空代码</translation>
    </message>
    <message>
        <location filename="../widgets/identity_credit_code_keypad.py" line="124"/>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
</context>
<context>
    <name>Footer</name>
    <message>
        <location filename="../widgets/footer.py" line="44"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../widgets/footer.py" line="45"/>
        <source>Back to the previous screen</source>
        <translation>返回上一页</translation>
    </message>
    <message>
        <location filename="../widgets/footer.py" line="46"/>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <location filename="../widgets/footer.py" line="47"/>
        <source>Home screen</source>
        <translation>回到首页</translation>
    </message>
    <message>
        <location filename="../widgets/footer.py" line="48"/>
        <source>Start over</source>
        <translation>重新开始</translation>
    </message>
    <message>
        <location filename="../widgets/footer.py" line="49"/>
        <source>Start over and clear everything</source>
        <translation>重新开始并清除全部信息</translation>
    </message>
</context>
<context>
    <name>FormScreen</name>
    <message numerus="yes">
        <location filename="../screens/form_screen.py" line="76"/>
        <source>%n answer(s) need attention: see the red notes.</source>
        <translation>
            <numerusform>有%n项需要修改，请看红色提示。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/form_screen.py" line="83"/>
        <source>Fill in the form. Answers from your card are already filled in.</source>
        <translation>请填写申请表。证件上的信息已自动填好。</translation>
    </message>
    <message>
        <location filename="../screens/form_screen.py" line="89"/>
        <source>Application form</source>
        <translation>申请表</translation>
    </message>
    <message>
        <location filename="../screens/form_screen.py" line="91"/>
        <source>Fields marked * are required.</source>
        <translation>带 * 的为必填项。</translation>
    </message>
    <message>
        <location filename="../screens/form_screen.py" line="92"/>
        <source>Next: materials</source>
        <translation>下一步：提交材料</translation>
    </message>
    <message>
        <location filename="../screens/form_screen.py" line="93"/>
        <source>Go on to the materials</source>
        <translation>进入提交材料</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <location filename="../widgets/header.py" line="95"/>
        <source>Switch to English</source>
        <translation>切换为英文</translation>
    </message>
    <message>
        <location filename="../widgets/header.py" line="95"/>
        <source>Switch to Chinese</source>
        <translation>切换为中文</translation>
    </message>
    <message>
        <location filename="../widgets/header.py" line="97"/>
        <location filename="../widgets/header.py" line="98"/>
        <source>Large text</source>
        <translation>大字</translation>
    </message>
    <message>
        <location filename="../widgets/header.py" line="100"/>
        <source>Voice off</source>
        <translation>语音已关</translation>
    </message>
    <message>
        <location filename="../widgets/header.py" line="100"/>
        <source>Voice on</source>
        <translation>语音已开</translation>
    </message>
    <message>
        <location filename="../widgets/header.py" line="102"/>
        <source>Mute voice guidance</source>
        <translation>关闭语音引导</translation>
    </message>
    <message>
        <location filename="../widgets/header.py" line="103"/>
        <source>Call staff</source>
        <translation>呼叫工作人员</translation>
    </message>
    <message>
        <location filename="../widgets/header.py" line="104"/>
        <source>Call a staff member</source>
        <translation>呼叫工作人员</translation>
    </message>
</context>
<context>
    <name>IdentityScreen</name>
    <message>
        <location filename="../screens/identity_screen.py" line="320"/>
        <source>Hold the QR code of the business licence up to the camera.</source>
        <translation>请将营业执照上的二维码对准摄像头。</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="332"/>
        <source>No licence QR code was read. Please type the code instead.</source>
        <translation>未能识别营业执照二维码，请手动输入代码。</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="351"/>
        <source>Scanning the licence QR code is not available on this terminal.</source>
        <translation>本终端暂不支持扫描营业执照二维码，请手动输入代码。</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="363"/>
        <source>Waiting for your card</source>
        <translation>等待读卡</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="365"/>
        <source>Insert the card into the slot, or place it flat on the reader, as shown.</source>
        <translation>请按图示将卡片插入卡槽，或平放在读卡区。</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="368"/>
        <source>Reading your card…</source>
        <translation>正在读卡…</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="369"/>
        <source>Please do not move the card.</source>
        <translation>请勿移动卡片。</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="371"/>
        <source>Identity confirmed</source>
        <translation>身份已确认</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="372"/>
        <source>Please check that this is you, then touch Continue.</source>
        <translation>请核对是否为本人，然后点击“继续”。</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="374"/>
        <source>The card reader is not available</source>
        <translation>读卡器不可用</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="378"/>
        <source>The card reader is not available. Please call staff.</source>
        <translation>读卡器不可用，请联系工作人员。</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="383"/>
        <source>Take the card out, then touch Try again.</source>
        <translation>请取出卡片，然后点击“重试”。</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="408"/>
        <source>This document cannot be used here</source>
        <translation>此证件无法办理</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="410"/>
        <source>This card is not supported</source>
        <translation>不支持此卡片</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="411"/>
        <source>The card could not be read</source>
        <translation>读卡失败</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="415"/>
        <source>Resident ID card</source>
        <translation>居民身份证</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="416"/>
        <source>Social security card</source>
        <translation>社会保障卡</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="417"/>
        <source>Staff card</source>
        <translation>工作证</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="427"/>
        <source>Enterprise %1: now the person acting for it inserts or places their card.</source>
        <translation>企业 %1：请经办人插入或放置本人的社保卡或身份证。</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="440"/>
        <source>Insert or place your social security card / ID card</source>
        <translation>请插入或放置您的社保卡 / 身份证</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="441"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="442"/>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="443"/>
        <source>Document</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="444"/>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="445"/>
        <source>Continue as this person</source>
        <translation>以此身份继续办理</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="446"/>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="447"/>
        <source>Try reading the card again</source>
        <translation>重新读卡</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="448"/>
        <source>Call staff</source>
        <translation>呼叫工作人员</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="449"/>
        <source>Call a staff member for help</source>
        <translation>呼叫工作人员帮助</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="450"/>
        <source>For an enterprise: enter its credit code</source>
        <translation>企业办事：输入统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="451"/>
        <source>Identify an enterprise by its code</source>
        <translation>以统一社会信用代码识别企业</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="452"/>
        <source>Demo: present a card</source>
        <translation>演示：放置演示卡</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="455"/>
        <source>Demo card %1: %2</source>
        <translation>演示卡 %1：%2</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="457"/>
        <source>Take the card away</source>
        <translation>取出卡片</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="458"/>
        <source>Take the demo card off the reader</source>
        <translation>从读卡器取出演示卡</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="459"/>
        <source>Enter the unified social credit code</source>
        <translation>输入统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="461"/>
        <source>18 characters, printed on the business licence (营业执照).</source>
        <translation>共 18 位，印在营业执照上。</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="463"/>
        <source>Back to the card</source>
        <translation>返回刷卡</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="464"/>
        <source>Back to identifying by card</source>
        <translation>返回刷卡识别</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="465"/>
        <source>Scan the licence QR code</source>
        <translation>扫描营业执照二维码</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="466"/>
        <source>Scan the QR code of the business licence</source>
        <translation>扫描营业执照上的二维码</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="467"/>
        <source>Confirm the code</source>
        <translation>确认代码</translation>
    </message>
    <message>
        <location filename="../screens/identity_screen.py" line="468"/>
        <source>Confirm the credit code</source>
        <translation>确认统一社会信用代码</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message numerus="yes">
        <location filename="../widgets/overlays.py" line="81"/>
        <source>%n second(s) left</source>
        <translation>
            <numerusform>剩余 %n 秒</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/overlays.py" line="89"/>
        <source>Are you still there?</source>
        <translation>还在吗？</translation>
    </message>
    <message>
        <location filename="../widgets/overlays.py" line="92"/>
        <source>When the countdown ends, everything you entered is cleared and the terminal returns to the home screen.</source>
        <translation>倒计时结束后，您填写的全部信息将被清除，终端将回到首页。</translation>
    </message>
    <message>
        <location filename="../widgets/overlays.py" line="96"/>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../widgets/overlays.py" line="97"/>
        <source>Continue my session</source>
        <translation>继续办理</translation>
    </message>
</context>
<context>
    <name>MaterialsScreen</name>
    <message>
        <location filename="../screens/materials_screen.py" line="153"/>
        <source>The capture did not work. Please try again or call staff.</source>
        <translation>拍摄没有成功，请重试或呼叫工作人员。</translation>
    </message>
    <message>
        <location filename="../screens/materials_screen.py" line="165"/>
        <source>Bring to the counter: %1</source>
        <translation>请带到窗口：%1</translation>
    </message>
    <message>
        <location filename="../screens/materials_screen.py" line="170"/>
        <source>All required materials are here.</source>
        <translation>必需材料已齐全。</translation>
    </message>
    <message>
        <location filename="../screens/materials_screen.py" line="174"/>
        <source>You may still submit now and supply the missing materials later (补正); your receipt will list them.</source>
        <translation>您仍可现在提交，缺少的材料稍后补正；回执上会列出待补材料。</translation>
    </message>
    <message>
        <location filename="../screens/materials_screen.py" line="181"/>
        <source>This service needs every required material before it can be submitted. Capture the missing ones, or ask at the counter.</source>
        <translation>本事项须材料齐全才能提交。请拍摄缺少的材料，或到窗口咨询。</translation>
    </message>
    <message>
        <location filename="../screens/materials_screen.py" line="194"/>
        <source>Supply later and continue</source>
        <translation>补正，稍后提交材料并继续</translation>
    </message>
    <message>
        <location filename="../screens/materials_screen.py" line="196"/>
        <source>Next: review</source>
        <translation>下一步：核对信息</translation>
    </message>
    <message>
        <location filename="../screens/materials_screen.py" line="202"/>
        <source>Made from the form you filled in</source>
        <translation>由您填写的申请表生成</translation>
    </message>
    <message>
        <location filename="../screens/materials_screen.py" line="203"/>
        <source>Read from your card</source>
        <translation>已从您的证件读取</translation>
    </message>
    <message>
        <location filename="../screens/materials_screen.py" line="204"/>
        <source>Taken from your electronic certificate</source>
        <translation>已调取电子证照</translation>
    </message>
    <message>
        <location filename="../screens/materials_screen.py" line="205"/>
        <source>Cannot be captured here: bring it to the counter</source>
        <translation>本机无法拍摄，请带到窗口</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/materials_screen.py" line="209"/>
        <source>%n page(s) captured</source>
        <translation>
            <numerusform>已拍摄%n页</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/materials_screen.py" line="211"/>
        <source>To capture: put it under the camera, then touch Capture</source>
        <translation>待拍摄：请放在高拍仪下，然后点“拍摄”</translation>
    </message>
    <message>
        <location filename="../screens/materials_screen.py" line="213"/>
        <source> (only if it applies to you)</source>
        <translation>（如适用）</translation>
    </message>
    <message>
        <location filename="../screens/materials_screen.py" line="219"/>
        <source>Capture again</source>
        <translation>重新拍摄</translation>
    </message>
    <message>
        <location filename="../screens/materials_screen.py" line="219"/>
        <source>Capture</source>
        <translation>拍摄</translation>
    </message>
    <message>
        <location filename="../screens/materials_screen.py" line="222"/>
        <source>Capture %1</source>
        <translation>拍摄%1</translation>
    </message>
    <message>
        <location filename="../screens/materials_screen.py" line="224"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../screens/materials_screen.py" line="228"/>
        <source>Capture each material marked To capture, then touch Next.</source>
        <translation>请逐项拍摄标为“待拍摄”的材料，然后点“下一步”。</translation>
    </message>
    <message>
        <location filename="../screens/materials_screen.py" line="233"/>
        <source>Materials</source>
        <translation>申请材料</translation>
    </message>
    <message>
        <location filename="../screens/materials_screen.py" line="235"/>
        <source>What this service needs, and how each one reaches your application.</source>
        <translation>本事项需要的材料，以及每项材料的提供方式。</translation>
    </message>
    <message>
        <location filename="../screens/materials_screen.py" line="237"/>
        <source>Completeness check (预审)</source>
        <translation>材料预审</translation>
    </message>
</context>
<context>
    <name>ReceiptScreen</name>
    <message>
        <location filename="../screens/receipt_screen.py" line="81"/>
        <source>Your application is submitted — take a photo</source>
        <translation>申请已提交，请拍照保存回执</translation>
    </message>
    <message>
        <location filename="../screens/receipt_screen.py" line="84"/>
        <source>The receipt could not be printed. Take a photo of the receipt and its QR code with your phone: the number lets you and the staff find your application. Staff can also print it for you at the counter.</source>
        <translation>回执未能打印。请用手机拍下回执和二维码：凭回执编号，您和工作人员都能查到您的申请。也可到窗口请工作人员补打。</translation>
    </message>
    <message>
        <location filename="../screens/receipt_screen.py" line="90"/>
        <source>Your application is submitted</source>
        <translation>申请已提交</translation>
    </message>
    <message>
        <location filename="../screens/receipt_screen.py" line="93"/>
        <source>Take your receipt from the printer. Keep it: its number and QR code let you track the application.</source>
        <translation>请取走打印的回执并妥善保存，凭编号和二维码可查询办理进度。</translation>
    </message>
    <message>
        <location filename="../screens/receipt_screen.py" line="98"/>
        <source>Receipt number:</source>
        <translation>回执编号：</translation>
    </message>
    <message>
        <location filename="../screens/receipt_screen.py" line="100"/>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../screens/receipt_screen.py" line="101"/>
        <source>Finish and clear my information</source>
        <translation>完成并清除我的信息</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <location filename="../screens/review_screen.py" line="177"/>
        <source>Materials</source>
        <translation>申请材料</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/review_screen.py" line="182"/>
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n页</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/review_screen.py" line="184"/>
        <source>Supplied later (补正)</source>
        <translation>待补正</translation>
    </message>
    <message>
        <location filename="../screens/review_screen.py" line="190"/>
        <source>This form</source>
        <translation>本申请表</translation>
    </message>
    <message>
        <location filename="../screens/review_screen.py" line="191"/>
        <source>Read from your card</source>
        <translation>已从您的证件读取</translation>
    </message>
    <message>
        <location filename="../screens/review_screen.py" line="192"/>
        <source>Electronic certificate</source>
        <translation>电子证照</translation>
    </message>
    <message>
        <location filename="../screens/review_screen.py" line="193"/>
        <source>Bring to the counter</source>
        <translation>请带到窗口</translation>
    </message>
    <message>
        <location filename="../screens/review_screen.py" line="214"/>
        <source>Edit</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../screens/review_screen.py" line="216"/>
        <source>Edit %1</source>
        <translation>修改%1</translation>
    </message>
    <message>
        <location filename="../screens/review_screen.py" line="231"/>
        <source>Check your answers. Touch Edit to change something, or Confirm.</source>
        <translation>请核对您的信息。需要修改请点“修改”，无误请点“确认”。</translation>
    </message>
    <message>
        <location filename="../screens/review_screen.py" line="236"/>
        <source>Check your application</source>
        <translation>核对申请信息</translation>
    </message>
    <message>
        <location filename="../screens/review_screen.py" line="238"/>
        <source>This is what will be submitted. Your ID number is shown masked.</source>
        <translation>以下为将要提交的内容，身份证号码已部分隐藏。</translation>
    </message>
    <message>
        <location filename="../screens/review_screen.py" line="240"/>
        <source>Confirm and continue</source>
        <translation>确认无误，继续</translation>
    </message>
    <message>
        <location filename="../screens/review_screen.py" line="241"/>
        <source>Confirm the answers and continue</source>
        <translation>确认信息无误并继续</translation>
    </message>
</context>
<context>
    <name>ServiceChoiceScreen</name>
    <message>
        <location filename="../screens/service_choice.py" line="62"/>
        <source>Touch the service you want to apply for.</source>
        <translation>请点选您要办理的事项。</translation>
    </message>
    <message>
        <location filename="../screens/service_choice.py" line="66"/>
        <source>Choose a service</source>
        <translation>选择办理事项</translation>
    </message>
    <message>
        <location filename="../screens/service_choice.py" line="69"/>
        <source>Services you can apply for at this terminal. To find any other service, use Guide on the home screen.</source>
        <translation>以下事项可在本机办理。查找其他事项，请使用首页的“办事指南”。</translation>
    </message>
    <message>
        <location filename="../screens/service_choice.py" line="73"/>
        <source>Cannot be applied for here: please go to the counter</source>
        <translation>本机暂不能办理，请到窗口办理</translation>
    </message>
</context>
<context>
    <name>ServiceGuideScreen</name>
    <message>
        <location filename="../screens/service_guide.py" line="130"/>
        <source>You can apply for this service here. Touch Apply here.</source>
        <translation>本事项可在本机办理，请点击“在本机办理”。</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="131"/>
        <source>Please read what you need and where to go.</source>
        <translation>请阅读所需材料和办理地点。</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="136"/>
        <source>Who can apply</source>
        <translation>受理条件</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="137"/>
        <source>Materials to bring</source>
        <translation>申请材料</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="138"/>
        <source>Fee</source>
        <translation>收费标准</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="139"/>
        <source>Time limits</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="140"/>
        <source>Online service</source>
        <translation>网办深度</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="141"/>
        <source>Where and when to go</source>
        <translation>办理地点和时间</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="142"/>
        <source>Legal basis</source>
        <translation>设定依据</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="146"/>
        <source>Scan with your phone to read this guide there</source>
        <translation>用手机扫码，在手机上查看本指南</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="147"/>
        <source>Apply here</source>
        <translation>在本机办理</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="148"/>
        <source>Apply for this service here</source>
        <translation>在本机办理此事项</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="213"/>
        <source>Free of charge</source>
        <translation>不收费</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="218"/>
        <source>Statutory time limit: %1</source>
        <translation>法定办结时限：%1</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="221"/>
        <source>Promised time limit: %1</source>
        <translation>承诺办结时限：%1</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="243"/>
        <source>This service cannot be applied for at this terminal. Please go to: %1</source>
        <translation>本事项不能在本机办理，请到：%1</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="249"/>
        <source>done on the spot</source>
        <translation>即办</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="250"/>
        <source>%1 working days</source>
        <translation>%1 个工作日</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="255"/>
        <source>original</source>
        <translation>原件</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="255"/>
        <source>copy</source>
        <translation>复印件</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="256"/>
        <source>electronic</source>
        <translation>电子版</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="256"/>
        <source>paper</source>
        <translation>纸质</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="258"/>
        <source>1 copy</source>
        <translation>1 份</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="260"/>
        <source>%1 copies</source>
        <translation>%1 份</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="264"/>
        <source>✔ can be scanned here</source>
        <translation>✔ 可在本机扫描</translation>
    </message>
    <message>
        <location filename="../screens/service_guide.py" line="264"/>
        <source>bring it along</source>
        <translation>请携带</translation>
    </message>
</context>
<context>
    <name>StartOverOverlay</name>
    <message>
        <location filename="../widgets/overlays.py" line="126"/>
        <source>Start over?</source>
        <translation>要重新开始吗？</translation>
    </message>
    <message>
        <location filename="../widgets/overlays.py" line="128"/>
        <source>Everything you entered will be cleared and the home screen shown.</source>
        <translation>您填写的全部信息将被清除，并回到首页。</translation>
    </message>
    <message>
        <location filename="../widgets/overlays.py" line="130"/>
        <location filename="../widgets/overlays.py" line="131"/>
        <source>Yes, start over</source>
        <translation>是，重新开始</translation>
    </message>
    <message>
        <location filename="../widgets/overlays.py" line="132"/>
        <source>No, go on</source>
        <translation>否，继续办理</translation>
    </message>
    <message>
        <location filename="../widgets/overlays.py" line="133"/>
        <source>No, go on with my session</source>
        <translation>否，继续办理当前业务</translation>
    </message>
</context>
<context>
    <name>Tiles</name>
    <message>
        <location filename="../screens/tiles.py" line="21"/>
        <source>Apply</source>
        <translation>办理业务</translation>
    </message>
    <message>
        <location filename="../screens/tiles.py" line="22"/>
        <source>Track</source>
        <translation>进度查询</translation>
    </message>
    <message>
        <location filename="../screens/tiles.py" line="23"/>
        <source>Guide</source>
        <translation>办事指南</translation>
    </message>
    <message>
        <location filename="../screens/tiles.py" line="24"/>
        <source>Rate</source>
        <translation>服务评价</translation>
    </message>
    <message>
        <location filename="../screens/tiles.py" line="32"/>
        <source>Start an application</source>
        <translation>在线申请办理</translation>
    </message>
    <message>
        <location filename="../screens/tiles.py" line="33"/>
        <source>Check the progress of an application</source>
        <translation>查询办件进度</translation>
    </message>
    <message>
        <location filename="../screens/tiles.py" line="36"/>
        <source>What you need and how it works</source>
        <translation>所需材料与办理流程</translation>
    </message>
    <message>
        <location filename="../screens/tiles.py" line="37"/>
        <source>Tell us how we served you</source>
        <translation>好差评，请您评价</translation>
    </message>
</context>
<context>
    <name>TrackScreen</name>
    <message>
        <location filename="../screens/track.py" line="65"/>
        <source>Enter the receipt number or the application number, then touch Query.</source>
        <translation>请输入回执编号或办件编号，然后点击“查询”。</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="69"/>
        <source>Track an application</source>
        <translation>办件进度查询</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="70"/>
        <location filename="../screens/track.py" line="72"/>
        <source>Receipt number or application number</source>
        <translation>回执编号或办件编号</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="71"/>
        <source>Printed at the top of your receipt</source>
        <translation>印在回执单的顶部</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="73"/>
        <source>Query</source>
        <translation>查询</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="74"/>
        <source>Query the progress</source>
        <translation>查询办件进度</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="76"/>
        <source>You find both numbers on the receipt you received when you applied.</source>
        <translation>两个编号都印在您申请时取得的回执单上。</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="107"/>
        <source>Please enter the number first.</source>
        <translation>请先输入编号。</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="109"/>
        <source>Tracking is not yet available on this terminal. Please ask at the service counter, where staff can look up your application.</source>
        <translation>本终端暂未开通进度查询。请到服务窗口，由工作人员为您查询办件进度。</translation>
    </message>
</context>
</TS>
